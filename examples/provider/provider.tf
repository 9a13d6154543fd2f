terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

# Set BIRD_ACCESS_KEY in the environment rather than in the configuration.
provider "bird" {
  workspace_id = "8bc02f53-87ac-48d2-b4fd-c2cf856a305f"
}
