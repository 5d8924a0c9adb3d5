# The Ubuntu 22.04 official image of the zone.
data "imagepick_zec_image" "ubuntu" {
  availability_zone = "asia-east-1a"
  category          = "Ubuntu"
  image_source      = "OFFICIAL"
  name_regex        = "^Ubuntu Server 22\\.04"
}

# Your own image, found by its tags rather than its name.
data "imagepick_zec_image" "web" {
  availability_zone = "asia-east-1a"
  image_type        = "CUSTOM_IMAGE"
  tags = {
    team = "web"
    env  = "staging"
  }
}

# Stands in for zenlayercloud_zec_instance, whose image_id takes the ID found.
resource "terraform_data" "zec_instance" {
  input = {
    availability_zone = "asia-east-1a"
    image_id          = data.imagepick_zec_image.ubuntu.id
    web_image_id      = data.imagepick_zec_image.web.id
  }
}
