# trust
