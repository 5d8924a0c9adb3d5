# The registry address: Terraform installs it from registry.terraform.io, OpenTofu from registry.opentofu.org.
terraform {
  required_providers {
    imagepick = {
      source  = "imagepick/imagepick"
      version = "~> 0.1"
    }
  }
}

# Every argument is optional and falls back to the environment variables UCloud and Zenlayer users already have.
provider "imagepick" {
  ucloud = {
    region = "cn-bj2"    # or UCLOUD_REGION
    zone   = "cn-bj2-05" # or UCLOUD_ZONE; bare-metal lookups need a zone
    # public_key and private_key: UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY, or a UCloud CLI profile
  }

  zenlayer = {
    # access_key_id and access_key_password: ZENLAYERCLOUD_ACCESS_KEY_ID and ZENLAYERCLOUD_ACCESS_KEY_PASSWORD
  }

  max_retries     = 3
  request_timeout = "30s"
}
