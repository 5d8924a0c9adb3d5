# Every available GPU image of region cn-bj2 that supports NVIDIA T4 cards, newest first. all_zones searches every
# zone of the region even when the provider has a default zone (ucloud.zone or UCLOUD_ZONE).
data "imagepick_uhost_images" "t4" {
  region      = "cn-bj2"
  all_zones   = true
  func_type   = "gpu"
  gpu_type    = "T4"
  exclude_eol = true
}

output "t4_images" {
  value = [
    for image in data.imagepick_uhost_images.t4.images :
    "${image.id} ${image.zone} ${image.name} (${image.create_time})"
  ]
}

# The newest image, or null when none matches.
output "newest_t4_image_id" {
  value = length(data.imagepick_uhost_images.t4.ids) > 0 ? data.imagepick_uhost_images.t4.ids[0] : null
}
