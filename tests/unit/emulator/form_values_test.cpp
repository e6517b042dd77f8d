// validateupdatelistitem as SharePoint's form reads it: one value per field,
// typed as a user types it; a value that does not read fails that field in a
// 200 answer and saves nothing. Table first (text in, value or error out),
// then the wire.
#include "emulator/form_values.h"
#include "emulator/site_zone.h"
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

namespace deskpane::emu::test {
namespace {

struct ZoneCase {
  WallTime wall;
  const char* utc;  // "" = no such date
};

TEST(SiteZone, PacificWallTimesToUtc) {
  const ZoneCase cases[] = {
      {{2026, 12, 5, 9, 0, 0}, "2026-12-05T17:00:00Z"},   // PST, UTC-8
      {{2026, 7, 1, 9, 0, 0}, "2026-07-01T16:00:00Z"},    // PDT, UTC-7
      {{2026, 3, 8, 1, 59, 0}, "2026-03-08T09:59:00Z"},   // just before the spring change
      {{2026, 3, 8, 2, 30, 0}, "2026-03-08T10:30:00Z"},   // in the gap: the offset before it
      {{2026, 3, 8, 3, 0, 0}, "2026-03-08T10:00:00Z"},    // summer time began
      {{2026, 11, 1, 1, 30, 0}, "2026-11-01T08:30:00Z"},  // twice that night: the first (PDT)
      {{2026, 11, 1, 2, 0, 0}, "2026-11-01T10:00:00Z"},   // standard time again
      {{2028, 2, 29, 0, 0, 0}, "2028-02-29T08:00:00Z"},   // leap day
      {{2026, 2, 29, 0, 0, 0}, ""},
      {{2026, 13, 1, 0, 0, 0}, ""},
      {{2026, 1, 1, 24, 0, 0}, ""},
  };
  for (const auto& c : cases) {
    const auto got = siteWallToUtcIso(c.wall);
    EXPECT_EQ(got.value_or(""), c.utc) << c.wall.year << "-" << c.wall.month << "-" << c.wall.day << " "
                                       << c.wall.hour << ":" << c.wall.minute;
  }
}

const std::string kItem = "/sites/demo/_api/web/lists/getbytitle('Tasks')/items(1)";

std::string form(const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out = "{\"formValues\":[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto v = web::json::value::object();
    v["FieldName"] = web::json::value::string(values[i].first);
    v["FieldValue"] = web::json::value::string(values[i].second);
    out += (i ? "," : "") + v.serialize();
  }
  return out + "],\"bNewDocumentUpdate\":false}";
}

struct FormCase {
  const char* name;
  const char* field;
  const char* value;
  const char* stored;  // what the item's REST read then shows; nullptr = the field failed
  const char* error;   // start of the field's ErrorMessage when it failed
};

class FormValueCase : public ::testing::TestWithParam<FormCase> {};

TEST_P(FormValueCase, ReadsOrFailsThatField) {
  const auto& c = GetParam();
  SiteDriver site;
  const auto before = site.get(kItem).json();
  const auto r = site.post(kItem + "/validateupdatelistitem", form({{"Title", "changed by the form"}, {c.field, c.value}}));
  ASSERT_EQ(r.status, 200) << r.body << " (a bad value is reported per field, never as an HTTP error)";
  const auto rows = r.json().at("value").as_array();
  const auto& row = rows.at(1);
  EXPECT_EQ(row.at("FieldName").as_string(), c.field);
  const auto after = site.get(kItem).json();
  if (c.stored) {
    EXPECT_FALSE(row.at("HasException").as_bool()) << r.body;
    EXPECT_EQ(after.at("Title").as_string(), "changed by the form");
    const auto& v = after.at(c.field);
    EXPECT_EQ(v.is_string() ? v.as_string() : v.serialize(), c.stored);
  } else {
    EXPECT_TRUE(row.at("HasException").as_bool()) << r.body;
    EXPECT_NE(row.at("ErrorCode").as_integer(), 0);
    EXPECT_EQ(row.at("ErrorMessage").as_string().rfind(c.error, 0), 0u) << row.at("ErrorMessage").as_string();
    EXPECT_FALSE(rows.at(0).at("HasException").as_bool()) << "the good field is not blamed";
    EXPECT_EQ(after.at("Title").as_string(), before.at("Title").as_string()) << "nothing is saved";
    EXPECT_EQ(after.at("Modified").as_string(), before.at("Modified").as_string());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, FormValueCase,
    ::testing::Values(
        FormCase{"iso_date", "DueDate", "2027-03-12T09:00:00Z", "2027-03-12T09:00:00Z", ""},
        FormCase{"locale_date_is_site_midnight", "DueDate", "3/12/2027", "2027-03-12T08:00:00Z", ""},
        FormCase{"locale_time_pm", "DueDate", "12/5/2026 9:05 PM", "2026-12-06T05:05:00Z", ""},
        FormCase{"locale_time_24h_summer", "DueDate", "7/1/2026 21:05", "2026-07-02T04:05:00Z", ""},
        FormCase{"not_a_date", "DueDate", "next Tuesday", nullptr, "Invalid date/time value."},
        FormCase{"no_such_day", "DueDate", "2/30/2027", nullptr, "Invalid date/time value."},
        FormCase{"percent", "PercentComplete", "0.5", "0.5", ""},
        FormCase{"not_a_number", "PercentComplete", "half", nullptr, "Invalid number value."},
        FormCase{"people_picker", "AssignedToId", "[{\"Key\":\"i:0#.f|membership|bob@contoso.com\"}]", "[12]", ""},
        FormCase{"unknown_person", "AssignedToId", "[{\"Key\":\"i:0#.f|membership|eve@example.com\"}]", nullptr,
                 "The user does not exist"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(FormValues, ModifiedAndEditorAreHonoured) {
  SiteDriver site;
  const auto r = site.post(kItem + "/validateupdatelistitem",
                           form({{"Title", "migrated"}, {"Modified", "1/15/2025 10:00 AM"},
                                 {"Editor", "[{\"Key\":\"i:0#.f|membership|juergen@contoso.com\"}]"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto item = site.get(kItem).json();
  EXPECT_EQ(item.at("Title").as_string(), "migrated");
  EXPECT_EQ(item.at("Modified").as_string(), "2025-01-15T18:00:00Z");
  EXPECT_EQ(item.at("EditorId").as_integer(), 14);
}

TEST(FormValues, AColumnTheListLacksIsABadRequest) {
  SiteDriver site;
  const auto r = site.post(kItem + "/validateupdatelistitem", form({{"NoSuchColumn", "x"}}));
  EXPECT_EQ(r.status, 400) << r.body;
}

}  // namespace
}  // namespace deskpane::emu::test
