"""Printing: documents, ESC/POS encoder, transports, preview, print queue (never imports ui)."""
