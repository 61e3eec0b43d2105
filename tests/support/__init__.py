"""What several test modules share. Test modules import from here (never from each other or
a conftest); fixtures stay in the conftest.py files."""
