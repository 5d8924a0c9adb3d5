# Which image each pick chooses from ../catalog.json. Run against the emulator serving that catalog: see the
# README's "Testing your module offline". Endpoints and credentials come from the environment.

provider "imagepick" {
  ucloud = {
    region = "cn-bj2"
  }
}

variables {
  zone            = "cn-bj2-02"
  bare_metal_zone = "cn-bj2-05"
}

run "defaults" {
  command = plan

  assert {
    condition     = output.ubuntu_image_id == "uimage-plain2204-jun"
    error_message = "Want the newest Available plain image, not the newer Making one nor the GPU image named like it; got ${output.ubuntu_image_id}."
  }
  assert {
    condition     = output.gpu_image_id == "uimage-gpu4090-oct"
    error_message = "Want the 4090 GPU image; got ${output.gpu_image_id}."
  }
  assert {
    condition     = output.bare_metal_image_id == "pimg-ubuntu2204-jan"
    error_message = "Want the only Available Ubuntu image for GPU-G4; got ${output.bare_metal_image_id}."
  }
  assert {
    condition     = output.zenlayer_image_id == "bmc-ubuntu2204"
    error_message = "Want the highest Ubuntu version for S9I; got ${output.zenlayer_image_id}."
  }
  assert {
    condition     = output.zec_image_id == "zec-ubuntu2204"
    error_message = "Want the highest official AVAILABLE Ubuntu ZEC image, not the newer syncing one nor the custom one; got ${output.zec_image_id}."
  }
}

run "other_zec_zone" {
  command = plan

  variables {
    zec_zone = "na-west-1a"
  }

  assert {
    condition     = output.zec_image_id == "zec-ubuntu2004"
    error_message = "Want the only Ubuntu ZEC image of na-west-1a; got ${output.zec_image_id}."
  }
}

run "other_gpu_type" {
  command = plan

  variables {
    gpu_type = "t4" # any letter case
  }

  assert {
    condition     = output.gpu_image_id == "uimage-gput4-apr"
    error_message = "Want the T4 GPU image; got ${output.gpu_image_id}."
  }
}

run "other_machine_and_instance_types" {
  command = plan

  variables {
    bare_metal_machine_type = "Standard-C1"
    zenlayer_instance_type  = "M6C"
  }

  assert {
    condition     = output.bare_metal_image_id == "pimg-ubuntu2204-jun"
    error_message = "Want the newest Available Ubuntu image for Standard-C1; got ${output.bare_metal_image_id}."
  }
  assert {
    condition     = output.zenlayer_image_id == "bmc-ubuntu2404"
    error_message = "Want Ubuntu 24.04, which only M6C has; got ${output.zenlayer_image_id}."
  }
}
