# Every bare-metal image that installs on the GPU-G4 machine type in cn-bj2-05, newest first.
# Without cluster, the API's default network cluster "25G" is sent.
data "imagepick_phost_images" "gpu" {
  region            = "cn-bj2"
  availability_zone = "cn-bj2-05"
  machine_type      = "GPU-G4"
  image_type        = "Base"
}

output "gpu_images" {
  value = {
    for image in data.imagepick_phost_images.gpu.images : image.id => "${image.name} (${image.os_type})"
  }
}

# The newest image, or null when none matches.
output "newest_gpu_image_id" {
  value = length(data.imagepick_phost_images.gpu.ids) > 0 ? data.imagepick_phost_images.gpu.ids[0] : null
}
