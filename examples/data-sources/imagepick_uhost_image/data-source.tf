# The newest plain Ubuntu 22.04 base image of zone cn-bj2-05. The name is anchored at both ends: GPU and
# application images have longer names such as "Ubuntu 22.04 64位 GPU T4 驱动版".
data "imagepick_uhost_image" "ubuntu" {
  availability_zone = "cn-bj2-05"
  image_type        = "Base"
  os_type           = "Linux"
  name_regex        = "^Ubuntu 22\\.04 64位$"
  architecture      = "x86_64"
  most_recent       = true
}

# Stands in for ucloud_instance, whose image_id takes the ID found.
resource "terraform_data" "uhost_instance" {
  input = {
    availability_zone = data.imagepick_uhost_image.ubuntu.availability_zone
    image_id          = data.imagepick_uhost_image.ubuntu.id
    instance_type     = "o-standard-2"
  }
}

output "ubuntu_image" {
  value = "${data.imagepick_uhost_image.ubuntu.id} (${data.imagepick_uhost_image.ubuntu.image.name}, created ${data.imagepick_uhost_image.ubuntu.image.create_time})"
}
