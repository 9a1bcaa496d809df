"""The People screen of the back office: everyone with an account, and what admins do about them."""
