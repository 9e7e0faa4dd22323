# Fails when a source file includes something its layer must not see.
# Run by the check_layering target (part of ALL) with -DSOURCE_DIR=<repo>.
#
# Layers, bottom to top, and the project headers each may include:
#   protocol    -> protocol
#   storage     -> protocol, storage
#   actors      -> protocol, storage, actors
#   projections -> protocol, storage, actors, projections
#   gateway     -> protocol, storage, actors, gateway, and projections' read side
#                  (projections/read/...), never its writers
#   tools       -> everything
# Third-party libraries that are an implementation detail of one layer:
#   Beast only in gateway and tools; libpqxx only in projections (and tests);
#   RocksDB only in storage; CAF from actors up. protocol/ is pure code: of
#   Boost only Boost.JSON's parser (the GraphQL variables decoder), no I/O.

set(layers protocol storage actors projections gateway)
set(allowed_protocol protocol)
set(allowed_storage protocol storage)
set(allowed_actors protocol storage actors)
set(allowed_projections protocol storage actors projections)
set(allowed_gateway protocol storage actors gateway projections/read)

set(forbidden_protocol "boost/" "caf/" "rocksdb/" "pqxx" "CLI/")
set(forbidden_storage "boost/" "caf/" "pqxx" "CLI/")
set(forbidden_actors "boost/beast" "boost/asio" "rocksdb/" "pqxx" "CLI/")
set(forbidden_projections "boost/beast" "rocksdb/" "CLI/")
set(forbidden_gateway "rocksdb/" "pqxx" "CLI/")
set(excepted_protocol "boost/json/")

set(violations "")
foreach(layer IN LISTS layers)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${layer}/*.hpp" "${SOURCE_DIR}/${layer}/*.cpp")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*$" "\\1" header "${line}")
      file(RELATIVE_PATH rel "${SOURCE_DIR}" "${source}")
      # Project headers: the first path component names the layer.
      string(REGEX MATCH "^(protocol|storage|actors|projections|gateway|tools)/" top "${header}")
      if(top)
        set(ok FALSE)
        foreach(prefix IN LISTS allowed_${layer})
          string(FIND "${header}" "${prefix}/" at)
          if(at EQUAL 0)
            set(ok TRUE)
          endif()
        endforeach()
        if(NOT ok)
          list(APPEND violations "${rel}: includes ${header}")
        endif()
      endif()
      set(excepted FALSE)
      foreach(prefix IN LISTS excepted_${layer})
        string(FIND "${header}" "${prefix}" at)
        if(at EQUAL 0)
          set(excepted TRUE)
        endif()
      endforeach()
      foreach(prefix IN LISTS forbidden_${layer})
        string(FIND "${header}" "${prefix}" at)
        if(at EQUAL 0 AND NOT excepted)
          list(APPEND violations "${rel}: includes ${header} (not allowed in ${layer}/)")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()

if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "Layering violations:\n  ${text}")
endif()
