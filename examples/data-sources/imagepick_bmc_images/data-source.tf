# Every public CentOS image for the M6C bare-metal instance type, highest version first.
data "imagepick_bmc_images" "centos" {
  catalog          = "centos"
  image_type       = "PUBLIC_IMAGE"
  instance_type_id = "M6C"
}

output "centos_images" {
  value = {
    for image in data.imagepick_bmc_images.centos.images : image.name => image.id
  }
}

# The first image of the default order (highest version first), or null when none matches.
output "highest_centos_image_id" {
  value = length(data.imagepick_bmc_images.centos.ids) > 0 ? data.imagepick_bmc_images.centos.ids[0] : null
}
