# Writes the seed corpus of fuzz_reference from templates/ (run at build time by tests/fuzz/CMakeLists.txt): the
# ODT and DOCX templates as part lists ("=== name" lines, see fuzz_reference.cpp) and as zip archives, and hostile
# variants whose links point at the parts the writers make themselves. Usage: cmake -DTEMPLATES=dir -DOUT=dir -P.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")

# The files of a template folder as one part list.
function(part_list out base)
  file(GLOB_RECURSE names RELATIVE "${base}" "${base}/*.xml" "${base}/*.rels")
  list(SORT names)
  set(text "")
  foreach(name IN LISTS names)
    file(READ "${base}/${name}" content)
    string(APPEND text "=== ${name}\n${content}\n")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

part_list(odt "${TEMPLATES}/odt")
set(odt "=== mimetype\napplication/vnd.oasis.opendocument.text\n${odt}")
file(WRITE "${OUT}/odt.txt" "${odt}")
string(REPLACE "</style:header>"
       "<text:p><draw:frame><draw:image xlink:href=\"content.xml\"/></draw:frame><text:a xlink:href=\"javascript:x\">a</text:a></text:p></style:header>"
       hostile "${odt}")
file(WRITE "${OUT}/odt-hostile.txt" "${hostile}")

part_list(docx "${TEMPLATES}/docx")
file(WRITE "${OUT}/docx.txt" "${docx}")
string(REPLACE "Target=\"header1.xml\"" "Target=\"../_rels/.rels\"" hostile "${docx}")
file(WRITE "${OUT}/docx-hostile.txt" "${hostile}")

execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "${OUT}/odt.zip" --format=zip styles.xml
                WORKING_DIRECTORY "${TEMPLATES}/odt" RESULT_VARIABLE odt_zip)
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "${OUT}/docx.zip" --format=zip "[Content_Types].xml" _rels word
                WORKING_DIRECTORY "${TEMPLATES}/docx" RESULT_VARIABLE docx_zip)
if(odt_zip OR docx_zip)
  message(FATAL_ERROR "cannot zip the templates (${odt_zip} ${docx_zip})")
endif()
file(WRITE "${OUT}.stamp" "")
