"""`protocol audit`: what is wrong across a whole set of registry records or protocols."""
