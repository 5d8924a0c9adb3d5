output "ubuntu_image_id" {
  description = "Plain Ubuntu image of the cloud hosts."
  value       = length(data.imagepick_uhost_image_ids.ubuntu.ids) > 0 ? data.imagepick_uhost_image_ids.ubuntu.ids[0] : null
}

output "gpu_image_id" {
  description = "Ubuntu GPU image of the GPU hosts."
  value       = length(data.imagepick_uhost_image_ids.gpu.ids) > 0 ? data.imagepick_uhost_image_ids.gpu.ids[0] : null
}

output "bare_metal_image_id" {
  description = "Ubuntu image of the UCloud bare-metal hosts."
  value       = data.imagepick_phost_image.bare_metal.id
}

output "zenlayer_image_id" {
  description = "Ubuntu image of the Zenlayer bare-metal hosts."
  value       = length(data.imagepick_bmc_image_ids.zenlayer.ids) > 0 ? data.imagepick_bmc_image_ids.zenlayer.ids[0] : null
}

output "zec_image_id" {
  description = "Ubuntu image of the Zenlayer ZEC virtual machines."
  value       = length(data.imagepick_zec_image_ids.zec.ids) > 0 ? data.imagepick_zec_image_ids.zec.ids[0] : null
}
