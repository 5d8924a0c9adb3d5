# A small module that picks the images a web tier, a GPU tier and two bare-metal tiers boot from. It uses only
# imagepick, so `terraform test` needs no other provider: see tests/ and the README's "Testing your module offline".
#
# Most picks read only the matching IDs (the _image_ids data sources: `ids`, newest first, nothing else in state)
# and check in a postcondition that there is one, so "nothing matches" fails with this module's own message,
# which a test can expect (expect_failures). The exactly-one form (imagepick_phost_image below) fails by itself
# when nothing matches, as a provider error: a test cannot expect that, only fail on it.

terraform {
  required_version = ">= 1.6"
  required_providers {
    imagepick = {
      source = "imagepick/imagepick"
    }
  }
}

locals {
  # "22.04" -> "^Ubuntu 22\\.04 64位$": the plain image only, not "Ubuntu 22.04 64位 GPU 4090 驱动版".
  ubuntu_name_regex = "^Ubuntu ${replace(var.ubuntu_version, ".", "\\.")} 64位$"
}

# The newest Available plain Ubuntu image of the zone (images still Making are left out by default).
data "imagepick_uhost_image_ids" "ubuntu" {
  availability_zone = var.zone
  image_type        = "Base"
  name_regex        = local.ubuntu_name_regex
  exclude_eol       = true

  lifecycle {
    postcondition {
      condition     = length(self.ids) > 0
      error_message = "No Available, supported Ubuntu ${var.ubuntu_version} base image in ${var.zone}: check ubuntu_version and zone."
    }
  }
}

# The newest Ubuntu GPU image with drivers for the GPU type.
data "imagepick_uhost_image_ids" "gpu" {
  availability_zone = var.zone
  func_type         = "gpu"
  gpu_type          = var.gpu_type
  name_regex        = "^Ubuntu "

  lifecycle {
    postcondition {
      condition     = length(self.ids) > 0
      error_message = "No Available Ubuntu GPU image for GPU type ${var.gpu_type} in ${var.zone}: check gpu_type and zone."
    }
  }
}

# The newest Available Ubuntu bare-metal image that installs on the machine type. Bare-metal status has no
# default (bare metal 1.0 images report none), so ask for Available ones, or an image still Making may win.
data "imagepick_phost_image" "bare_metal" {
  availability_zone = var.bare_metal_zone
  machine_type      = var.bare_metal_machine_type
  os_type           = "Ubuntu"
  status            = ["Available"]
  most_recent       = true
}

# The Zenlayer Ubuntu image with the highest version for the instance type (Zenlayer images have no creation time:
# the list is ordered by name, version numbers compared as numbers, highest first).
data "imagepick_bmc_image_ids" "zenlayer" {
  instance_type_id = var.zenlayer_instance_type
  catalog          = "ubuntu"

  lifecycle {
    postcondition {
      condition     = length(self.ids) > 0
      error_message = "No Zenlayer Ubuntu image installs on instance type ${var.zenlayer_instance_type}: check zenlayer_instance_type."
    }
  }
}

# The official Zenlayer ZEC Ubuntu image with the highest version that is usable now (images still syncing are left
# out by default; custom images are left out by image_source).
data "imagepick_zec_image_ids" "zec" {
  availability_zone = var.zec_zone
  category          = "Ubuntu"
  image_source      = "OFFICIAL"
  name_regex        = "^Ubuntu Server "

  lifecycle {
    postcondition {
      condition     = length(self.ids) > 0
      error_message = "No available official Ubuntu ZEC image in ${var.zec_zone}: check zec_zone."
    }
  }
}
