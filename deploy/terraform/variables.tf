variable "project" {
  description = "Google Cloud project id."
  type        = string
}

variable "region" {
  description = "Region for Dataflow, the scheduler and the bucket."
  type        = string
  default     = "europe-west1"
}

variable "bucket" {
  description = "Name of the GCS bucket holding the lake, the feed list, templates and temp files."
  type        = string
}

variable "batch_schedule" {
  description = "Cron schedule of the batch job (Cloud Scheduler syntax)."
  type        = string
  default     = "*/15 * * * *"
}

variable "image" {
  description = "Container image built by `make template` (SDK worker and template launcher)."
  type        = string
}

variable "raw_retention_days" {
  description = "Days before dead-letter and feed-log files move to colder storage."
  type        = number
  default     = 30
}
