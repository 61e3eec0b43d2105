"""The return counter: the return screen, compensation and the cases waiting for head office."""
