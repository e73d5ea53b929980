"""import_bulletins, requeue_bulletins, bootstrap_site."""
