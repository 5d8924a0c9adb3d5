# imagepick demo: pick images from all four APIs and feed their IDs to the resources that create instances.
# `make demo` applies this against the bundled emulator; with real credentials in the environment it runs
# unchanged against the real clouds (adjust the zones, machine type and instance type to your account).

terraform {
  required_version = ">= 1.4"
  required_providers {
    imagepick = {
      source = "imagepick/imagepick"
    }
  }
}

# Credentials, region and endpoints come from the environment (UCLOUD_*, ZENLAYERCLOUD_*).
provider "imagepick" {}

variable "zone" {
  description = "UCloud availability zone of the cloud hosts."
  type        = string
  default     = "cn-bj2-02"
}

variable "bare_metal_zone" {
  description = "UCloud availability zone of the bare-metal hosts."
  type        = string
  default     = "cn-bj2-05"
}

variable "zec_zone" {
  description = "Zenlayer ZEC zone of the virtual machines."
  type        = string
  default     = "asia-east-1a"
}

# The newest available x86 Ubuntu 22.04 base image of the zone.
data "imagepick_uhost_image" "ubuntu" {
  availability_zone = var.zone
  image_type        = "Base"
  architecture      = "x86_64"
  name_regex        = "^Ubuntu 22\\.04 64位$"
  most_recent       = true
}

# A GPU image with drivers for the T4.
data "imagepick_uhost_image" "gpu" {
  availability_zone = var.zone
  func_type         = "gpu"
  gpu_type          = "T4"
  most_recent       = true
}

# A bare-metal Ubuntu image that installs on the GPU-G4 machine type.
data "imagepick_phost_image" "bare_metal" {
  availability_zone = var.bare_metal_zone
  machine_type      = "GPU-G4"
  os_type           = "Ubuntu"
  most_recent       = true
}

# The Zenlayer bare-metal Ubuntu 22.04 image for instance type S9I.
data "imagepick_bmc_image" "zenlayer" {
  instance_type_id = "S9I"
  catalog          = "ubuntu"
  name_regex       = "^Ubuntu22\\.04"
}

# The official Zenlayer ZEC Ubuntu 22.04 image of the zone, for a virtual machine.
data "imagepick_zec_image" "vm" {
  availability_zone = var.zec_zone
  category          = "Ubuntu"
  image_source      = "OFFICIAL"
  name_regex        = "^Ubuntu Server 22\\.04"
}

# Every available Rocky Linux or Debian image of the zone, newest first.
data "imagepick_uhost_images" "rocky_and_debian" {
  availability_zone = var.zone
  name_regex        = "^(Rocky Linux|Debian) "
}

# terraform_data stands in for ucloud_instance, ucloud_baremetal_instance, zenlayercloud_bmc_instance and
# zenlayercloud_zec_instance.
resource "terraform_data" "web" {
  input = { availability_zone = var.zone, image_id = data.imagepick_uhost_image.ubuntu.id }
}

resource "terraform_data" "trainer" {
  input = { availability_zone = var.zone, image_id = data.imagepick_uhost_image.gpu.id }
}

resource "terraform_data" "database" {
  input = { availability_zone = var.bare_metal_zone, image_id = data.imagepick_phost_image.bare_metal.id }
}

resource "terraform_data" "edge" {
  input = { instance_type = "S9I", image_id = data.imagepick_bmc_image.zenlayer.id }
}

resource "terraform_data" "vm" {
  input = { availability_zone = var.zec_zone, image_id = data.imagepick_zec_image.vm.id }
}

output "web_image" {
  description = "UHost image of the web server."
  value       = "${terraform_data.web.output.image_id} (${data.imagepick_uhost_image.ubuntu.image.name}, created ${data.imagepick_uhost_image.ubuntu.image.create_time})"
}

output "gpu_image" {
  description = "UHost GPU image of the trainer."
  value       = "${terraform_data.trainer.output.image_id} (${data.imagepick_uhost_image.gpu.image.name})"
}

output "bare_metal_image" {
  description = "UPHost image of the database server."
  value       = "${terraform_data.database.output.image_id} (${data.imagepick_phost_image.bare_metal.image.name})"
}

output "zenlayer_image" {
  description = "Zenlayer BMC image of the edge server."
  value       = "${terraform_data.edge.output.image_id} (${data.imagepick_bmc_image.zenlayer.image.name})"
}

output "zec_image" {
  description = "Zenlayer ZEC image of the virtual machine."
  value       = "${terraform_data.vm.output.image_id} (${data.imagepick_zec_image.vm.image.name}, ${data.imagepick_zec_image.vm.image.size} GiB)"
}

output "rocky_and_debian" {
  description = "Rocky Linux and Debian images of the zone, newest first."
  value       = [for img in data.imagepick_uhost_images.rocky_and_debian.images : "${img.id} ${img.name}"]
}
