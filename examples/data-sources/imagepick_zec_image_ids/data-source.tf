# The IDs of your custom images carrying a "team" tag, in any status, by name (highest version first).
data "imagepick_zec_image_ids" "team" {
  availability_zone = "asia-east-1a"
  image_type        = "CUSTOM_IMAGE"
  tag_keys          = ["team"]
  status            = ["AVAILABLE", "CREATING", "FAILED"]
}

# The first ID of that order, or null when none matches.
output "highest_team_image_id" {
  value = length(data.imagepick_zec_image_ids.team.ids) > 0 ? data.imagepick_zec_image_ids.team.ids[0] : null
}
