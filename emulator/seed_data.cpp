#include "emulator/seed_data.h"

#include "emulator/field_schema.h"
#include "emulator/guid.h"
#include "emulator/item_store.h"
#include "emulator/time_util.h"
#include "emulator/users.h"

#include <stdexcept>

namespace deskpane::emu {

namespace {

using Values = std::map<std::string, FieldValue>;
using namespace std::chrono;

struct ListSpec {
  const char* title;
  const char* leaf;
  int baseTemplate;
};

constexpr ListSpec kLists[] = {
    {"Calendar", "Calendar", 106}, {"Contacts", "Contacts", 105}, {"Tasks", "Tasks", 171},
    {"Notes", "Notes", 100},       {"Inbox", "Inbox", 108},
};

std::string listGuid(const char* title) { return guidFromName(std::string("list/") + title); }

// Midnight UTC of the day `days` from `origin`, plus hours and minutes.
class Day {
 public:
  explicit Day(Clock::time_point origin) : midnight_(floorDay(origin)) {}
  std::string at(int days, int hour = 0, int minute = 0) const {
    return isoUtc(midnight_ + hours(24 * days + hour) + minutes(minute));
  }
  // Days from today back to this week's Monday (0 on a Monday).
  int mondayOffset() const {
    const std::time_t t = Clock::to_time_t(midnight_);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return -((tm.tm_wday + 6) % 7);
  }
  int weekday(int days) const {
    const std::time_t t = Clock::to_time_t(midnight_ + hours(24 * days));
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm.tm_wday;
  }
  int month(int days) const {
    const std::time_t t = Clock::to_time_t(midnight_ + hours(24 * days));
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm.tm_mon + 1;
  }
  int dayOfMonth(int days) const {
    const std::time_t t = Clock::to_time_t(midnight_ + hours(24 * days));
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm.tm_mday;
  }

 private:
  static Clock::time_point floorDay(Clock::time_point t) {
    const auto s = duration_cast<seconds>(t.time_since_epoch()).count();
    return Clock::time_point(seconds(s - s % 86400));
  }
  Clock::time_point midnight_;
};

// The demo series' own zones, with the DST rules in force since 2007 (US) and
// 1996 (EU) written out, so the emulator needs no zone database. `id` is the
// SharePoint zone id written to the hidden TimeZone field.
struct DemoZone {
  int id;
  int standardMinutes;  // UTC offset in winter
  bool usRules;         // US: 2nd Sunday of March .. 1st Sunday of November, 02:00 local
  bool euRules;         // EU: last Sunday of March .. last Sunday of October, 01:00 UTC
};
constexpr DemoZone kBerlin{4, 60, false, true};
constexpr DemoZone kPacific{13, -480, true, false};
constexpr DemoZone kEastern{10, -300, true, false};

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long long civilDay(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}
// The n-th (1-based; 0 = last) Sunday of a month, as a day number.
long long sunday(int y, int m, int n) {
  if (n == 0) {
    const long long last = civilDay(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
    return last - ((last + 4) % 7);  // 1970-01-01 was a Thursday (weekday 4)
  }
  const long long first = civilDay(y, m, 1);
  return first + (7 - (first + 4) % 7) % 7 + 7 * (n - 1);
}
bool inDaylightTime(const DemoZone& z, long long utcSeconds, int year) {
  long long from = 0, to = 0;
  if (z.usRules) {
    from = sunday(year, 3, 2) * 86400 + 2 * 3600 - z.standardMinutes * 60LL;
    to = sunday(year, 11, 1) * 86400 + 2 * 3600 - (z.standardMinutes + 60) * 60LL;
  } else if (z.euRules) {
    from = sunday(year, 3, 0) * 86400 + 3600;
    to = sunday(year, 10, 0) * 86400 + 3600;
  }
  return utcSeconds >= from && utcSeconds < to;
}

// Wall-clock `hour:minute` in `zone` on the day `days` from today, as UTC text.
std::string atIn(const DemoZone& zone, Clock::time_point today, int days, int hour, int minute = 0) {
  const std::time_t t = Clock::to_time_t(today);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const long long day = civilDay(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) + days;
  const long long wall = day * 86400 + hour * 3600LL + minute * 60LL;
  long long utc = wall - zone.standardMinutes * 60LL;
  std::time_t probe = static_cast<std::time_t>(utc);
  std::tm ptm{};
  gmtime_r(&probe, &ptm);
  if (inDaylightTime(zone, utc, ptm.tm_year + 1900)) utc -= 3600;
  return isoUtc(Clock::time_point(seconds(utc)));
}

std::string rule(const std::string& repeat, const std::string& range) {
  return "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat>" + repeat + "</repeat>" + range +
         "</rule></recurrence>";
}

ItemPtr add(ItemStore& store, const char* list, Values v, const std::string& created, int author,
            CreateOptions options = {}) {
  options.created = created;
  options.authorId = author;
  return store.create(listGuid(list), std::move(v), author, options);
}

ItemPtr event(ItemStore& store, const Day& d, const std::string& title, const std::string& start, const std::string& end,
              Values extra, int author = kCurrentUserId) {
  Values v{{"Title", title},        {"EventDate", start},       {"EndDate", end},
           {"fAllDayEvent", false}, {"fRecurrence", false},     {"EventType", std::int64_t{0}},
           {"Category", std::string("Meeting")}};
  for (auto& [k, x] : extra) v[k] = std::move(x);
  return add(store, "Calendar", std::move(v), d.at(-10, 8), author);
}

void seedCalendar(ItemStore& store, const Day& d, Clock::time_point today) {
  const int mon = d.mondayOffset();
  // Each series recurs in its own zone (TimeZone = SharePoint zone id) with
  // its occurrence length in Duration, as SharePoint writes them; the monthly
  // review has no TimeZone and recurs in the site's regional zone (Pacific).
  // Planning at 09:00 Pacific is 18:00 in Berlin, 17:00 between the US and
  // the EU DST changes.
  const std::string standupUid = guidFromName("uid/standup");
  const auto standup = event(
      store, d, "Team stand-up", atIn(kBerlin, today, mon - 7, 9), atIn(kBerlin, today, mon + 84, 9, 15),
      {{"Location", std::string("Teams")},
       {"Description", std::string("<div>Daily sync: yesterday, today, blockers.</div>")},
       {"fRecurrence", true},
       {"EventType", std::int64_t{1}},
       {"UID", standupUid},
       {"Duration", std::int64_t{900}},
       {"TimeZone", std::int64_t{kBerlin.id}},
       {"RecurrenceData",
        rule("<daily weekday='TRUE' />", "<windowEnd>" + atIn(kBerlin, today, mon + 84, 9) + "</windowEnd>")}});
  // This week's Wednesday stand-up moved to 10:00; Friday's cancelled.
  event(store, d, "Team stand-up (moved)", atIn(kBerlin, today, mon + 2, 10), atIn(kBerlin, today, mon + 2, 10, 15),
        {{"Location", std::string("Room Ørsted")},
         {"fRecurrence", true},
         {"EventType", std::int64_t{4}},
         {"MasterSeriesItemID", static_cast<std::int64_t>(standup->id)},
         {"RecurrenceID", atIn(kBerlin, today, mon + 2, 9)},
         {"UID", standupUid},
         {"Duration", std::int64_t{900}}});
  event(store, d, "Deleted: Team stand-up", atIn(kBerlin, today, mon + 4, 9), atIn(kBerlin, today, mon + 4, 9, 15),
        {{"fRecurrence", true},
         {"EventType", std::int64_t{3}},
         {"MasterSeriesItemID", static_cast<std::int64_t>(standup->id)},
         {"RecurrenceID", atIn(kBerlin, today, mon + 4, 9)},
         {"UID", standupUid},
         {"Duration", std::int64_t{900}}});
  event(store, d, "Weekly planning", atIn(kPacific, today, mon - 14, 9), atIn(kPacific, today, mon + 700, 10),
        {{"Location", std::string("Room Ada Lovelace")},
         {"Description", std::string("<p>Plan the week. Bring your <b>top three</b>.</p>")},
         {"fRecurrence", true},
         {"EventType", std::int64_t{1}},
         {"UID", guidFromName("uid/planning")},
         {"Duration", std::int64_t{3600}},
         {"TimeZone", std::int64_t{kPacific.id}},
         {"RecurrenceData", rule("<weekly mo='TRUE' weekFrequency='1' />", "<repeatForever>FALSE</repeatForever>")}},
        kOtherUserId);
  event(store, d, "1:1 Alice / Bob", atIn(kEastern, today, mon + 3, 9), atIn(kEastern, today, mon + 3 + 7 * 18, 9, 30),
        {{"Location", std::string("Café Schrödinger")},
         {"fRecurrence", true},
         {"EventType", std::int64_t{1}},
         {"UID", guidFromName("uid/oneonone")},
         {"Duration", std::int64_t{1800}},
         {"TimeZone", std::int64_t{kEastern.id}},
         {"RecurrenceData", rule("<weekly th='TRUE' weekFrequency='2' />", "<repeatInstances>10</repeatInstances>")}});
  event(store, d, "Monthly review", atIn(kPacific, today, -40, 7), atIn(kPacific, today, 365, 8),
        {{"Location", std::string("Board room")},
         {"Category", std::string("Business")},
         {"fRecurrence", true},
         {"EventType", std::int64_t{1}},
         {"UID", guidFromName("uid/monthly")},
         {"Duration", std::int64_t{3600}},
         {"RecurrenceData",
          rule("<monthlyByDay we=\"TRUE\" weekdayOfMonth=\"first\" monthFrequency=\"1\" />", "<repeatForever>FALSE</repeatForever>")}});
  event(store, d, "Jürgen's birthday 🎂", d.at(2, 0), d.at(2 + 3650, 23, 59),
        {{"fAllDayEvent", true},
         {"Category", std::string("Birthday")},
         {"fRecurrence", true},
         {"EventType", std::int64_t{1}},
         {"UID", guidFromName("uid/birthday")},
         {"Duration", std::int64_t{86340}},
         {"RecurrenceData", rule("<yearly yearFrequency='1' month='" + std::to_string(d.month(2)) + "' day='" +
                                     std::to_string(d.dayOfMonth(2)) + "' />",
                                 "<repeatForever>FALSE</repeatForever>")}},
        14);
  event(store, d, "Offsite — Lisbon", d.at(mon + 9, 0), d.at(mon + 10, 23, 59),
        {{"fAllDayEvent", true}, {"Category", std::string("Business")}, {"Location", std::string("Lisboa, Portugal")},
         {"Description", std::string("<p>Two days of strategy &amp; pastéis de nata.</p>")}});
  event(store, d, "Public holiday", d.at(-3, 0), d.at(-3, 23, 59),
        {{"fAllDayEvent", true}, {"Category", std::string("Holiday")}});
  event(store, d, "Dentist", d.at(1, 16, 30), d.at(1, 17, 15),
        {{"Category", std::string("Get-together")}, {"Location", std::string("Dr. Nørgaard")}});
  event(store, d, "Client call — Müller GmbH", d.at(0, 13), d.at(0, 14),
        {{"Location", std::string("+49 30 1234567")},
         {"Description", std::string("<p>Renewal of the support contract. Agenda: pricing, SLA, <i>Q&amp;A</i>.</p>")}});
  event(store, d, "Lunch with Chloé", d.at(-1, 12), d.at(-1, 13, 30),
        {{"Location", std::string("Le Petit Zinc")}, {"Category", std::string("Get-together")}}, 13);
  event(store, d, "Release 2.4 go/no-go", d.at(4, 11), d.at(4, 11, 45),
        {{"Location", std::string("Teams")}, {"Category", std::string("Work hours")}});
  event(store, d, "Workshop: 日本語 localisation review", d.at(3, 8), d.at(3, 10),
        {{"Location", std::string("Tokyo office / Teams")}}, 15);
  event(store, d, "Late-night deploy window", d.at(5, 22), d.at(6, 1),
        {{"Description", std::string("<p>Crosses midnight on purpose.</p>")}});
}

void seedContacts(ItemStore& store, const Day& d) {
  struct C {
    const char *last, *first, *email, *company, *job, *phone, *mobile, *city, *country;
  };
  const C contacts[] = {
      {"Müller", "Jürgen", "juergen.mueller@mueller-gmbh.de", "Müller GmbH", "Einkaufsleiter", "+49 30 1234567", "+49 171 2345678", "Berlin", "Germany"},
      {"Dubois", "Chloé", "chloe.dubois@example.fr", "Atelier Dubois", "Designer", "+33 1 23 45 67 89", "+33 6 12 34 56 78", "Paris", "France"},
      {"Tanaka", "Sakura", "sakura.tanaka@example.jp", "田中商事", "プロジェクトマネージャー", "+81 3-1234-5678", "+81 90-1234-5678", "東京", "Japan"},
      {"O'Brien", "Siobhán", "siobhan.obrien@example.ie", "Green Isle Ltd", "CTO", "+353 1 234 5678", "+353 87 123 4567", "Dublin", "Ireland"},
      {"Ødegaard", "Mårten", "marten@example.no", "Fjord AS", "Salgssjef", "+47 22 12 34 56", "+47 912 34 567", "Oslo", "Norway"},
      {"García", "José Luis", "jl.garcia@example.es", "Soluciones García", "Director", "+34 91 123 45 67", "+34 612 345 678", "Madrid", "Spain"},
      {"Nguyễn", "Thị Lan", "lan.nguyen@example.vn", "Saigon Tech", "Developer", "+84 28 1234 5678", "+84 90 123 4567", "Hồ Chí Minh", "Vietnam"},
      {"Smith", "Alice", "alice@contoso.com", "Contoso", "Product owner", "+1 425 555 0100", "+1 425 555 0101", "Redmond", "USA"},
      {"Jones", "Bob", "bob@contoso.com", "Contoso", "Engineer", "+1 425 555 0110", "", "Redmond", "USA"},
      {"Kowalski", "Zofia", "zofia.k@example.pl", "Wisła Sp. z o.o.", "Księgowa", "+48 22 123 45 67", "+48 601 234 567", "Kraków", "Poland"},
      {"Andersson", "Nils", "nils@example.se", "Älvsbyhus AB", "Support", "+46 8 123 456 78", "", "Göteborg", "Sweden"},
      {"Papadopoulos", "Eleni", "eleni@example.gr", "Ακρόπολη ΑΕ", "Consultant", "+30 21 0123 4567", "+30 69 1234 5678", "Αθήνα", "Greece"},
  };
  int n = 0;
  for (const auto& c : contacts) {
    Values v{{"Title", std::string(c.last)},
             {"FirstName", std::string(c.first)},
             {"FullName", std::string(c.first) + " " + c.last},
             {"Email", std::string(c.email)},
             {"Company", std::string(c.company)},
             {"JobTitle", std::string(c.job)},
             {"WorkPhone", std::string(c.phone)},
             {"WorkCity", std::string(c.city)},
             {"WorkCountry", std::string(c.country)},
             {"WorkAddress", std::string("Hauptstraße ") + std::to_string(10 + n) + "\n2nd floor"}};
    if (*c.mobile) v["CellPhone"] = std::string(c.mobile);
    if (n % 3 == 0) v["WebPage"] = UrlValue{std::string(c.company), "https://example.com/" + std::to_string(n)};
    if (n % 4 == 1) v["Comments"] = std::string("<p>Met at the trade fair — prefers e-mail.</p>");
    add(store, "Contacts", std::move(v), d.at(-30 + n, 9), n % 2 ? kOtherUserId : kCurrentUserId);
    ++n;
  }
}

void seedTasks(ItemStore& store, const Day& d) {
  struct T {
    const char* title;
    const char* status;
    const char* priority;
    double percent;
    int startDay, dueDay;  // 999 = none
    std::vector<std::int64_t> assigned;
  };
  const T tasks[] = {
      {"Prepare Q3 budget", "In Progress", "(1) High", 0.4, -5, 2, {7}},
      {"Book offsite venue in Lisbon", "Completed", "(2) Normal", 1.0, -12, -2, {7}},
      {"Review Chloé's mock-ups", "Not Started", "(2) Normal", 0.0, 0, 1, {7, 13}},
      {"Renew SSL certificate", "Not Started", "(1) High", 0.0, -7, -1, {12}},
      {"Migrate wiki to SharePoint", "Deferred", "(3) Low", 0.1, -20, 30, {12}},
      {"Answer Müller GmbH about pricing", "Waiting on someone else", "(1) High", 0.5, -3, 0, {7}},
      {"Translate UI strings (日本語)", "In Progress", "(2) Normal", 0.75, -4, 3, {15}},
      {"Order new laptops", "Completed", "(3) Low", 1.0, -15, -8, {14}},
      {"Clean up old Teams channels", "Not Started", "(3) Low", 0.0, 999, 999, {}},
      {"Write release notes 2.4", "In Progress", "(2) Normal", 0.2, -1, 4, {7, 12}},
      {"Plan Jürgen's birthday surprise 🎉", "Not Started", "(2) Normal", 0.0, 0, 2, {13}},
      {"Fix \"quotes\" & <angle> brackets in export", "Waiting on someone else", "(2) Normal", 0.3, -6, 5, {12}},
  };
  int n = 0;
  for (const auto& t : tasks) {
    Values v{{"Title", std::string(t.title)},
             {"Status", std::string(t.status)},
             {"Priority", std::string(t.priority)},
             {"PercentComplete", t.percent},
             {"Body", std::string("<div>") + t.title + " — see the shared folder.</div>"}};
    if (t.startDay != 999) v["StartDate"] = d.at(t.startDay, 8);
    if (t.dueDay != 999) v["DueDate"] = d.at(t.dueDay, 17);
    if (!t.assigned.empty()) v["AssignedTo"] = t.assigned;
    add(store, "Tasks", std::move(v), d.at(-20 + n, 10), n % 3 ? kCurrentUserId : kOtherUserId);
    ++n;
  }
}

void seedNotes(ItemStore& store, const Day& d) {
  struct N {
    const char *title, *body, *color;
    bool pinned;
    std::vector<std::string> tags;
  };
  const N notes[] = {
      {"Wi-Fi guest password", "Network: Contoso-Guest\nPassword: changes every Monday — ask reception.", "Yellow", true, {"office"}},
      {"Ideas for the offsite", "• Sunset walk in Alfama\n• Workshop on async work\n• Pastéis de nata tasting", "Green", false, {"offsite", "fun"}},
      {"Phone numbers", "Facility: 4711\nIT help desk: 0800 123 456\nSecurity: 110", "Blue", true, {"office"}},
      {"Book list", "1. Thinking, Fast and Slow\n2. 吾輩は猫である\n3. Der Zauberberg", "Pink", false, {"personal"}},
      {"Retro notes", "Keep: pairing.\nDrop: Friday deploys.\nTry: shorter stand-ups.", "White", false, {"team"}},
      {"Release checklist", "<b>Before</b>: tag, changelog, smoke test.\n<b>After</b>: announce.", "Yellow", false, {"release", "team"}},
  };
  int n = 0;
  for (const auto& x : notes) {
    Values v{{"Title", std::string(x.title)},
             {"NoteBody", std::string(x.body)},
             {"Color", std::string(x.color)},
             {"Pinned", x.pinned},
             {"Tags", x.tags}};
    add(store, "Notes", std::move(v), d.at(-9 + n, 11), kCurrentUserId);
    ++n;
  }
}

void seedInbox(ItemStore& store, const Day& d) {
  struct Reply {
    int author;
    const char* body;
    int hoursAfter;
  };
  struct Thread {
    const char* title;
    const char* body;
    int author;
    int day;
    std::vector<Reply> replies;
    bool question;
  };
  const std::vector<Thread> threads = {
      {"Welcome to the team inbox 👋", "<p>Use this board for anything that is not urgent. Be nice!</p>", kCurrentUserId, -14,
       {{kOtherUserId, "<p>Thanks Alice, looks great.</p>", 2}, {13, "<p>Merci ! 🙂</p>", 5}}, false},
      {"Parking during the renovation?", "<p>Where do we park while the garage is closed?</p>", 14, -4,
       {{kCurrentUserId, "<p>The city garage on Königstraße gives us 20 spaces.</p>", 1},
        {14, "<p>Danke, perfekt.</p>", 3},
        {kOtherUserId, "<p>Also bike racks behind building B.</p>", 20}},
       true},
      {"Release 2.4 — known issues", "<p>Collecting the known issues here before Friday.</p>", kOtherUserId, -2,
       {{15, "<p>日本語 dates are shown in US format in the export.</p>", 4}}, false},
      {"Lunch order Friday", "<p>Pizza or sushi? Vote below.</p>", 13, -1, {}, true},
  };
  const std::string root = "/sites/demo/Lists/Inbox";
  for (const auto& t : threads) {
    CreateOptions folder;
    folder.fsObjType = 1;
    folder.contentTypeId = "0x012002006A8B0F1EA2B25E4F8B3F1A1DAB5A5D45";
    folder.contentTypeName = "Discussion";
    const auto created = d.at(t.day, 9);
    const int last = t.replies.empty() ? t.author : t.replies.back().author;
    const auto lastUpdated = t.replies.empty() ? created : d.at(t.day, 9 + t.replies.back().hoursAfter);
    Values v{{"Title", std::string(t.title)},
             {"Body", std::string(t.body)},
             {"FileRef", root + "/" + t.title},
             {"ItemChildCount", static_cast<std::int64_t>(t.replies.size())},
             {"DiscussionLastUpdated", lastUpdated},
             {"LastReplyBy", static_cast<std::int64_t>(last)},
             {"IsQuestion", t.question},
             {"ThreadIndex", std::string("0x01D") + std::to_string(t.day + 100)}};
    const auto thread = add(store, "Inbox", std::move(v), created, t.author, folder);
    for (const auto& r : t.replies) {
      CreateOptions message;
      message.contentTypeId = "0x0107002D9E1A62C6B4B74C9BC0C8BB2C2C4E2F";
      message.contentTypeName = "Message";
      message.folder = thread->text("FileRef");
      Values rv{{"Title", std::string(t.title)},
                {"Body", std::string(r.body)},
                {"ParentItemID", static_cast<std::int64_t>(thread->id)},
                {"ParentFolderId", static_cast<std::int64_t>(thread->id)},
                {"ParentItemEditor", static_cast<std::int64_t>(t.author)},
                {"DiscussionLastUpdated", d.at(t.day, 9 + r.hoursAfter)}};
      add(store, "Inbox", std::move(rv), d.at(t.day, 9 + r.hoursAfter), r.author, message);
    }
  }
}

void seedBulk(ItemStore& store, int n) {
  // Deterministic: fixed base date, values derived from the index only.
  const Day d(Clock::from_time_t(1704067200));  // 2024-01-01T00:00:00Z
  static const char* statuses[] = {"Not Started", "In Progress", "Completed", "Deferred", "Waiting on someone else"};
  static const char* priorities[] = {"(1) High", "(2) Normal", "(3) Low"};
  static const char* colors[] = {"Yellow", "Blue", "Green", "Pink", "White"};
  for (int i = 0; i < n; ++i) {
    const auto created = d.at(i / 48, (i / 2) % 24, (i % 2) * 30);
    const std::string num = std::to_string(i + 1);
    add(store, "Calendar",
        {{"Title", "Event " + num}, {"EventDate", d.at(i / 8, 8 + i % 8)}, {"EndDate", d.at(i / 8, 9 + i % 8)},
         {"fAllDayEvent", false}, {"fRecurrence", false}, {"EventType", std::int64_t{0}},
         {"Location", "Room " + std::to_string(i % 17)}},
        created, kCurrentUserId);
    add(store, "Contacts",
        {{"Title", "Lastname " + num}, {"FirstName", "First " + num}, {"FullName", "First " + num + " Lastname " + num},
         {"Email", "contact" + num + "@example.com"}, {"Company", "Company " + std::to_string(i % 50)}},
        created, kCurrentUserId);
    add(store, "Tasks",
        {{"Title", "Task " + num}, {"Status", std::string(statuses[i % 5])},
         {"Priority", std::string(priorities[i % 3])}, {"PercentComplete", (i % 11) / 10.0},
         {"DueDate", d.at(i / 10, 17)}, {"AssignedTo", std::vector<std::int64_t>{i % 2 ? 7 : 12}}},
        created, kCurrentUserId);
    add(store, "Notes",
        {{"Title", "Note " + num}, {"NoteBody", "Body of note " + num}, {"Color", std::string(colors[i % 5])},
         {"Pinned", i % 7 == 0}},
        created, kCurrentUserId);
    CreateOptions folder;
    folder.fsObjType = 1;
    folder.contentTypeId = "0x012002006A8B0F1EA2B25E4F8B3F1A1DAB5A5D45";
    folder.contentTypeName = "Discussion";
    add(store, "Inbox",
        {{"Title", "Thread " + num}, {"Body", "<p>Message " + num + "</p>"},
         {"FileRef", "/sites/demo/Lists/Inbox/Thread " + num}, {"ItemChildCount", std::int64_t{0}},
         {"DiscussionLastUpdated", created}},
        created, kCurrentUserId, folder);
  }
}

}  // namespace

void createDemoLists(ItemStore& store) {
  if (store.hasLists()) return;
  for (const auto& l : kLists) store.addList(listGuid(l.title), l.title, l.leaf, l.baseTemplate);
}

void seedStore(ItemStore& store, const std::string& seed) {
  int bulk = -1;
  if (seed.rfind("bulk:", 0) == 0) {
    try {
      bulk = std::stoi(seed.substr(5));
    } catch (...) {
      bulk = -1;
    }
    if (bulk < 0) throw std::invalid_argument("--seed bulk:N needs a non-negative N");
  } else if (seed != "demo" && seed != "empty") {
    throw std::invalid_argument("unknown seed '" + seed + "' (demo, empty, bulk:N)");
  }
  // A data file that already holds the site keeps its content across restarts.
  if (store.hasLists()) return;
  createDemoLists(store);
  store.bulk([&] {
    if (seed == "demo") {
      const auto now = Clock::now();
      const Day today(now);
      seedCalendar(store, today, now);
      seedContacts(store, today);
      seedTasks(store, today);
      seedNotes(store, today);
      seedInbox(store, today);
    } else if (bulk > 0) {
      seedBulk(store, bulk);
    }
  });
}

}  // namespace deskpane::emu
