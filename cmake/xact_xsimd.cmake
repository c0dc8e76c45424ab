# Finds xsimd (>= 8) and repairs a packaging defect of some xsimd 8.x configs (Debian 12 among
# them): their exported target links a target `xtl` that the package does not install, which
# fails at link time with "cannot find -lxtl". xsimd only needs xtl for optional complex-number
# support, so an empty imported target satisfies the reference.
# Used both by the build tree and by the installed xactConfig.cmake.
macro(xact_fix_xsimd_xtl)
  if(TARGET xsimd AND NOT TARGET xtl)
    get_target_property(_xact_xsimd_links xsimd INTERFACE_LINK_LIBRARIES)
    if(_xact_xsimd_links AND "xtl" IN_LIST _xact_xsimd_links)
      add_library(xtl INTERFACE IMPORTED)
    endif()
    unset(_xact_xsimd_links)
  endif()
endmacro()
