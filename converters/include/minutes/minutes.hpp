// libminutes: meeting minutes (Markdown, plain text) to reports, calendars, feeds, pages and JSON. Include this.
#pragma once

#include <minutes/archive.hpp>
#include <minutes/convert.hpp>
#include <minutes/events.hpp>
#include <minutes/files.hpp>
#include <minutes/ir.hpp>
#include <minutes/options.hpp>
#include <minutes/resources.hpp>
#include <minutes/settings.hpp>
#include <minutes/version.hpp>
