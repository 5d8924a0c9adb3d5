# Where imagepick comes from, so that this folder works alone; the documentation shows only data-source.tf.
terraform {
  required_providers {
    imagepick = {
      source = "imagepick/imagepick"
    }
  }
}
