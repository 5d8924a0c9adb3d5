# The newest CentOS image that installs on the Standard-C1 machine type in cn-bj2-05.
data "imagepick_phost_image" "centos" {
  availability_zone = "cn-bj2-05"
  machine_type      = "Standard-C1"
  os_type           = "CentOS"
  name_regex        = "^CentOS 7\\.9"
  most_recent       = true
}

# Stands in for ucloud_baremetal_instance, whose image_id takes the ID found.
resource "terraform_data" "baremetal_instance" {
  input = {
    availability_zone = data.imagepick_phost_image.centos.availability_zone
    instance_type     = "Standard-C1"
    image_id          = data.imagepick_phost_image.centos.id
  }
}
