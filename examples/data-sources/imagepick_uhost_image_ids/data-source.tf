# The IDs of every available golden image the image pipeline has built, in every zone of the region, newest first.
# Only the IDs are kept in state, so this stays cheap however many images the pipeline leaves behind.
data "imagepick_uhost_image_ids" "golden" {
  region     = "cn-bj2"
  all_zones  = true
  image_type = "Custom"
  name_regex = "^web-golden-"
}

output "golden_image_count" {
  value = length(data.imagepick_uhost_image_ids.golden.ids)
}

# The three newest golden images, for a canary rollout (fewer when fewer exist).
output "canary_image_ids" {
  value = slice(data.imagepick_uhost_image_ids.golden.ids, 0, min(3, length(data.imagepick_uhost_image_ids.golden.ids)))
}
