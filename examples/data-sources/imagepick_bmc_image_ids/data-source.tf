# The public Ubuntu images Zenlayer offers for the S9I bare-metal instance type, highest version first.
data "imagepick_bmc_image_ids" "ubuntu" {
  catalog          = "ubuntu"
  image_type       = "PUBLIC_IMAGE"
  instance_type_id = "S9I"
}

# The first image of that order, or null when none matches.
output "highest_ubuntu_image_id" {
  value = length(data.imagepick_bmc_image_ids.ubuntu.ids) > 0 ? data.imagepick_bmc_image_ids.ubuntu.ids[0] : null
}
