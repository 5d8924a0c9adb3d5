# Images created in the same second (zone cn-bj2-03 of ../catalog.json): the pick is the first by name, A to Z,
# then by ID, so it never depends on the order the API lists them in.

provider "imagepick" {
  ucloud = {
    region = "cn-bj2"
  }
}

variables {
  zone            = "cn-bj2-03"
  bare_metal_zone = "cn-bj2-05"
}

run "ties_in_creation_time" {
  command = plan

  assert {
    condition     = output.ubuntu_image_id == "uimage-tie2204-a"
    error_message = "Same name and time: want the lower ID, uimage-tie2204-a; got ${output.ubuntu_image_id}."
  }
  assert {
    condition     = output.gpu_image_id == "uimage-tie4090-b"
    error_message = "Same time: want the name first A to Z (\"... GPU 4090 CUDA 12.4 驱动版\"), uimage-tie4090-b; got ${output.gpu_image_id}."
  }
}
