"""Build-time conversion of third-party facts into khabar's packaged data files (never run by the pipeline)."""
