"""The four gpfed services. None imports another; all may import ``shared``."""
