# Every official Ubuntu image of the zone that is usable now, highest version first.
data "imagepick_zec_images" "ubuntu" {
  availability_zone = "asia-east-1a"
  category          = "Ubuntu"
  image_source      = "OFFICIAL"
}

output "ubuntu_images" {
  value = {
    for image in data.imagepick_zec_images.ubuntu.images : image.name => {
      id       = image.id
      size_gib = image.size
    }
  }
}

# The first image of the default order (highest version first), or null when none matches.
output "highest_ubuntu_image_id" {
  value = length(data.imagepick_zec_images.ubuntu.ids) > 0 ? data.imagepick_zec_images.ubuntu.ids[0] : null
}
