"""The reader's experience, measured in a real browser (Debian's chromium, driven by Playwright)."""
