"""What a build generates: the plan of pages and files, and their rendering."""
