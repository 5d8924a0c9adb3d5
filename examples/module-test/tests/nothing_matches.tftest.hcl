# When nothing matches, the module fails with its own message (a postcondition), never with an image that only
# looks right.

provider "imagepick" {
  ucloud = {
    region = "cn-bj2"
  }
}

variables {
  zone            = "cn-bj2-02"
  bare_metal_zone = "cn-bj2-05"
}

run "unknown_ubuntu_version" {
  command = plan

  variables {
    ubuntu_version = "30.04"
  }

  expect_failures = [data.imagepick_uhost_image_ids.ubuntu]
}

run "end_of_life_ubuntu_version" {
  command = plan

  # Ubuntu 18.04 is in the catalog and Available, but past its end of life.
  variables {
    ubuntu_version = "18.04"
  }

  expect_failures = [data.imagepick_uhost_image_ids.ubuntu]
}

run "gpu_type_without_image" {
  command = plan

  variables {
    gpu_type = "H100"
  }

  expect_failures = [data.imagepick_uhost_image_ids.gpu]
}

run "zenlayer_instance_type_without_ubuntu" {
  command = plan

  # L5S exists, but only CentOS installs on it.
  variables {
    zenlayer_instance_type = "L5S"
  }

  expect_failures = [data.imagepick_bmc_image_ids.zenlayer]
}

run "zec_zone_without_ubuntu" {
  command = plan

  # eu-central-1a exists, but holds no image.
  variables {
    zec_zone = "eu-central-1a"
  }

  expect_failures = [data.imagepick_zec_image_ids.zec]
}

run "code_name_instead_of_version" {
  command = plan

  variables {
    ubuntu_version = "jammy"
  }

  expect_failures = [var.ubuntu_version]
}
