variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "manage_default_security_group" {
  type    = bool
  default = true
}

variable "default_security_group_ingress" {
  type    = list(map(string))
  default = []
}

variable "default_security_group_egress" {
  type    = list(map(string))
  default = []
}
