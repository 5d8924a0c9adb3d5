# The Ubuntu 22.04 public image that installs on the S9I bare-metal instance type.
data "imagepick_bmc_image" "ubuntu" {
  catalog          = "ubuntu"
  image_type       = "PUBLIC_IMAGE"
  instance_type_id = "S9I"
  name_regex       = "^Ubuntu22\\.04-"
}

# Stands in for zenlayercloud_bmc_instance, whose image_id takes the ID found.
resource "terraform_data" "bmc_instance" {
  input = {
    instance_type_id = "S9I"
    image_id         = data.imagepick_bmc_image.ubuntu.id
  }
}
