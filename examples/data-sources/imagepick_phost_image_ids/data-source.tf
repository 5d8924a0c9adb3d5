variable "database_image_id" {
  description = "The bare-metal image the database servers are pinned to."
  type        = string
  default     = "pimg-c79b5a01"
}

# Every image that still installs on the Standard-C1 machine type in cn-bj2-05.
data "imagepick_phost_image_ids" "standard" {
  availability_zone = "cn-bj2-05"
  machine_type      = "Standard-C1"
}

# Stands in for ucloud_baremetal_instance: the plan fails early when the pinned image is gone or no longer
# installs on the machine type, instead of when UCloud refuses to create the server.
resource "terraform_data" "database" {
  input = {
    availability_zone = "cn-bj2-05"
    instance_type     = "Standard-C1"
    image_id          = var.database_image_id
  }

  lifecycle {
    precondition {
      condition     = contains(data.imagepick_phost_image_ids.standard.ids, var.database_image_id)
      error_message = "Image ${var.database_image_id} does not install on Standard-C1 in cn-bj2-05 (any more)."
    }
  }
}
