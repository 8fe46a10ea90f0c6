# security
