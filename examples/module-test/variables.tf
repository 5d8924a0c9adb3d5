variable "zone" {
  description = "UCloud availability zone of the cloud hosts, such as cn-bj2-02."
  type        = string
}

variable "ubuntu_version" {
  description = "Ubuntu release of the plain image, such as 22.04."
  type        = string
  default     = "22.04"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+$", var.ubuntu_version))
    error_message = "ubuntu_version is a release number such as 22.04, not a code name."
  }
}

variable "gpu_type" {
  description = "GPU type the GPU image must support, such as 4090 or T4."
  type        = string
  default     = "4090"
}

variable "bare_metal_zone" {
  description = "UCloud availability zone of the bare-metal hosts, such as cn-bj2-05."
  type        = string
}

variable "bare_metal_machine_type" {
  description = "UCloud bare-metal machine type, such as GPU-G4."
  type        = string
  default     = "GPU-G4"
}

variable "zec_zone" {
  description = "Zenlayer ZEC zone of the virtual machines, such as asia-east-1a."
  type        = string
  default     = "asia-east-1a"
}

variable "zenlayer_instance_type" {
  description = "Zenlayer bare-metal instance type, such as S9I."
  type        = string
  default     = "S9I"
}
