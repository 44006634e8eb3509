// The extractor on short texts written for these tests in the styles it meets: UK force
// press releases, US Department of Justice releases, Europol and AFP statements, news.
// Each precision rule of the contract ("what is not a fact") has its own case.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "optally/extract/extractor.hpp"

using namespace optally;
using namespace optally::extract;

namespace {

std::vector<Fact> facts_of(std::string_view text, ExtractOptions options = {}) {
    return extract_text(text, "test", Lexicon::standard(), options);
}

// The facts of `metric`, as "value qualifier scope" strings, for readable failures.
std::vector<std::string> said(const std::vector<Fact>& facts, std::string_view metric) {
    std::vector<std::string> out;
    for (const Fact& f : facts) {
        if (f.metric != metric) continue;
        char value[32];
        std::snprintf(value, sizeof value, "%.10g", f.value);
        std::string s = value;
        // Appended piece by piece: GCC 12 warns falsely about "a" + std::string(...) here.
        if (f.unit != Unit::none) s.append(" ").append(to_string(f.unit));
        if (f.qualifier != Qualifier::exact) s.append(" ").append(to_string(f.qualifier));
        if (f.scope != "total") s.append(" @").append(f.scope);
        out.push_back(s);
    }
    return out;
}

using Said = std::vector<std::string>;

}  // namespace

TEST_CASE("a UK force press release", "[extract][facts]") {
    auto facts = facts_of(
        "Nineteen arrested in county-wide operation\n\n"
        "Norfolk Constabulary has arrested 19 people and carried out 26 search warrants during a fortnight-long "
        "operation against the sharing of indecent images of children.\n\n"
        "Officers seized in excess of 200 devices. Eleven children were safeguarded, and four of those arrested "
        "were already on the sex offenders register. Six men have been charged.\n");
    CHECK(said(facts, "arrests") == Said{"19", "19"});
    CHECK(said(facts, "search_warrants") == Said{"26"});
    CHECK(said(facts, "duration") == Said{"2 weeks"});
    CHECK(said(facts, "devices_seized") == Said{"200 more_than"});
    CHECK(said(facts, "children_safeguarded") == Said{"11"});
    CHECK(said(facts, "registered_offenders") == Said{"4"});
    CHECK(said(facts, "charged") == Said{"6"});
}

TEST_CASE("a US Department of Justice release", "[extract][facts]") {
    auto facts = facts_of(
        "Tuesday, March 7, 2023\n\n"
        "DENVER - A 38-year-old man was sentenced to 210 months in federal prison, followed by 20 years of "
        "supervised release, for receiving child sexual abuse material. He faced a maximum of 20 years.\n\n"
        "Agents found more than 9,000 images and 300 videos on his devices.");
    CHECK(said(facts, "sentence") == Said{"210 months"});
    CHECK(said(facts, "images") == Said{"9000 more_than", "300"});
    REQUIRE_FALSE(facts.empty());
    CHECK(facts.front().date == "2023-03-07");
}

TEST_CASE("a Europol statement", "[extract][facts]") {
    auto facts = facts_of(
        "39 arrested, 146 children safeguarded across 19 countries\n\n"
        "The action week, supported by Europol, involved 24 law enforcement agencies. In Portugal, 7 suspects "
        "were arrested.");
    CHECK(said(facts, "arrests") == Said{"39", "7 @Portugal"});
    CHECK(said(facts, "children_safeguarded") == Said{"146"});
    CHECK(said(facts, "police_forces") == Said{"24"});
    for (const Fact& f : facts) CHECK(f.agency == "Europol");
}

TEST_CASE("an Australian Federal Police release", "[extract][facts]") {
    auto facts = facts_of(
        "The AFP has charged 12 men with 210 offences after a 10-month investigation. Twenty-one children were "
        "removed from harm and police executed 18 search warrants.");
    CHECK(said(facts, "charged") == Said{"12"});
    CHECK(said(facts, "duration") == Said{"10 months"});
    CHECK(said(facts, "children_safeguarded") == Said{"21"});
    CHECK(said(facts, "search_warrants") == Said{"18"});
}

TEST_CASE("qualifiers from the contract's table", "[extract][facts]") {
    auto facts = facts_of(
        "Police arrested more than 40 people. Officers executed at least 50 warrants. Around 60 children were "
        "safeguarded. Up to 70 officers took part. Almost 80 devices were seized. Over 90 images were found. "
        "A minimum of 5 people were charged. An estimated 30 children were rescued. Fewer than 20 people were convicted.");
    CHECK(said(facts, "arrests") == Said{"40 more_than"});
    CHECK(said(facts, "search_warrants") == Said{"50 at_least"});
    CHECK(said(facts, "children_safeguarded") == Said{"60 about", "30 about"});
    CHECK(said(facts, "officers") == Said{"70 up_to"});
    CHECK(said(facts, "devices_seized") == Said{"80 fewer_than"});
    CHECK(said(facts, "images") == Said{"90 more_than"});
    CHECK(said(facts, "charged") == Said{"5 at_least"});
    CHECK(said(facts, "convicted") == Said{"20 fewer_than"});
}

TEST_CASE("ranges give a lower and an upper fact", "[extract][facts]") {
    CHECK(said(facts_of("Between 10 and 12 people were arrested."), "arrests") == Said{"10 at_least", "12 up_to"});
    CHECK(said(facts_of("Officers seized 30-40 devices."), "devices_seized") == Said{"30 at_least", "40 up_to"});
}

TEST_CASE("places: in X, X Police, lists", "[extract][facts][scope]") {
    auto facts = facts_of(
        "A national operation led to 400 arrests across the UK. Of these, 21 people were arrested in Kent, "
        "eleven in Devon and Cornwall, and five in Dorset. Lancashire Police arrested nine. "
        "Thames Valley Police are understood to have made 16 arrests in towns such as Reading and Oxford.");
    CHECK(said(facts, "arrests") ==
          Said{"400", "21 @Kent", "11 @Devon and Cornwall", "5 @Dorset", "9 @Lancashire", "16 @Thames Valley"});
}

TEST_CASE("each clause of a sentence keeps its own place", "[extract][facts][scope]") {
    auto facts = facts_of(
        "The force-wide operation ended with 90 arrests. In Kent, 31 people were arrested; in Essex, 22 were held, "
        "and in Surrey, officers detained 14.");
    CHECK(said(facts, "arrests") == Said{"90", "31 @Kent", "22 @Essex", "14 @Surrey"});
    // A comma after a place that is not the head of the clause changes nothing.
    auto listed = facts_of("Across Essex, Kent and Surrey, officers arrested 40 people during the week.");
    CHECK(said(listed, "arrests") == Said{"40"});
}

TEST_CASE("a breakdown by place of the count before it", "[extract][facts][scope]") {
    const std::string lead = "A national week of action by forces across the UK ended on Friday. ";
    CHECK(said(facts_of(lead + "Of the 80 people arrested, 31 were in Kent and 22 in Essex."), "arrests") ==
          Said{"80", "31 @Kent", "22 @Essex"});
    CHECK(said(facts_of(lead + "A total of 80 people were arrested, 31 of them in Kent and 22 in Essex."), "arrests") ==
          Said{"80", "31 @Kent", "22 @Essex"});
    CHECK(said(facts_of(lead + "Of those arrested, 31 were in Kent."), "arrests") == Said{"31 @Kent"});
    CHECK(said(facts_of(lead + "Police had arrested 40 people, with 16 of those detained in Kent and three in Essex."),
               "arrests") == Said{"40", "16 @Kent", "3 @Essex"});
    CHECK(said(facts_of(lead + "Nine of those arrested were over the age of 60."), "arrests").empty());
    CHECK(said(facts_of(lead + "Of the nineteen arrests, seven were made in Kent."), "arrests") == Said{"19", "7 @Kent"});
    // Without a place the figure is some other breakdown, not a count of arrests.
    CHECK(said(facts_of(lead + "Of the 80 people arrested, 31 were men and 12 were women."), "arrests") == Said{"80"});
    CHECK(said(facts_of(lead + "Of these, 31 were aged over 50."), "arrests").empty());
}

TEST_CASE("running totals: risen to, bringing the total to", "[extract][facts]") {
    CHECK(said(facts_of("The number of people arrested has now risen to 97, detectives said."), "arrests") == Said{"97"});
    CHECK(said(facts_of("The total number of children safeguarded has climbed to 230."), "children_safeguarded") ==
          Said{"230"});
    CHECK(said(facts_of("Arrests have risen to 41 since the start of the month."), "arrests") == Said{"41"});
    CHECK(said(facts_of("A further 11 people were arrested on Tuesday, bringing the total to 61."), "arrests") ==
          Said{"11", "61"});
    // Neither "number" nor "total" before the noun: no figure is read.
    CHECK(facts_of("Men arrested have gone to 12 different courts.").empty());
    // "the total" after a span of time is not a count.
    CHECK(said(facts_of("The inquiry lasted 18 months, bringing the total to 61."), "arrests").empty());
}

TEST_CASE("the police of a country named by nationality", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Europol coordinated a joint action day against the distribution of abuse material. "
        "Police in the Netherlands arrested 6 suspects, while German authorities detained 11 and Spanish police held 4.");
    CHECK(said(facts, "arrests") == Said{"6 @Netherlands", "11 @Germany", "4 @Spain"});
    auto possessive = facts_of(
        "Interpol coordinated the operation across 20 countries. Spain's Guardia Civil arrested 14 people, "
        "and Portugal's Judiciary Police detained 6.");
    CHECK(said(possessive, "arrests") == Said{"14 @Spain", "6 @Portugal"});
    // A nationality that is not the police of a place limits nothing.
    auto national = facts_of("Officers said a German man was among 14 people arrested during the week.");
    CHECK(said(national, "arrests") == Said{"14"});
}

TEST_CASE("lists labelled with their place", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Europol supported an action day in which police from eleven countries took part.\n\n"
        "Arrests by country:\n\n- Denmark: 9 arrests, 12 house searches\n- Austria: five arrests\n"
        "\u2022 Belgium: 3 children safeguarded\n");
    CHECK(said(facts, "arrests") == Said{"9 @Denmark", "5 @Austria"});
    CHECK(said(facts, "children_safeguarded") == Said{"3 @Belgium"});
    auto labels = facts_of(
        "Results of Operation Kittiwake across the North of England:\n\nArrested in Cumbria: 14\n"
        "Search warrants in Northumberland: 9\nSearch warrants: 40\n");
    CHECK(said(labels, "arrests") == Said{"14 @Cumbria"});
    CHECK(said(labels, "search_warrants") == Said{"9 @Northumberland", "40"});
}

TEST_CASE("words of other police services and of seized media", "[extract][facts]") {
    auto facts = facts_of(
        "More than 150 gardaí took part in the searches. Investigators seized approximately 2,700 data carriers. "
        "The operation took 3,000 officer hours. Deputies arrested nine men.");
    CHECK(said(facts, "officers") == Said{"150 more_than"});
    CHECK(said(facts, "devices_seized") == Said{"2700 about"});
    CHECK(said(facts, "arrests") == Said{"9"});
}

TEST_CASE("the force that ran the operation is no part of it", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Two men were jailed on Friday. Both were arrested during Operation Larkspur, a Cumbria Police operation "
        "in which 27 people were arrested.");
    CHECK(said(facts, "arrests") == Said{"27"});
    // A force named as the place of a part still limits it.
    auto part = facts_of("Forces across the North West arrested 80 people, and Cumbria Police arrested 27 of them.");
    CHECK(said(part, "arrests") == Said{"80", "27 @Cumbria"});
}

TEST_CASE("an operation over a period", "[extract][facts][duration]") {
    CHECK(said(facts_of("Operation Kestrel was carried out over a 12-day period in May."), "duration") == Said{"12 days"});
    CHECK(said(facts_of("The crackdown ran over an eight-month period."), "duration") == Said{"8 months"});
    // A period that is not the operation's: the offending of a man.
    CHECK(said(facts_of("He offended over a six-year period."), "duration").empty());
}

TEST_CASE("a quoted operation name in a headline is taken whole", "[extract][facts][operation]") {
    auto facts = facts_of("Results of \"Operation Copper Kettle\" Announced\n\nAgents arrested 31 men in the operation.");
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].operation == "Copper Kettle");
}

TEST_CASE("a record of years is no figure of the operation", "[extract][facts][precision]") {
    auto facts = facts_of(
        "Published 4 May 2022\nDetectives arrested 19 people during the week. "
        "Since 2009, the unit has arrested more than 1,400 offenders. Since 2021 it has charged 30.");
    CHECK(said(facts, "arrests") == Said{"19"});
    CHECK(said(facts, "charged") == Said{"30"});  // last year's start may be this operation's
}

TEST_CASE("warrants counted by the places searched", "[extract][facts]") {
    CHECK(said(facts_of("Search warrants were executed at twenty-two addresses across the county."), "search_warrants") ==
          Said{"22"});
    CHECK(said(facts_of("Officers executed warrants at 15 properties and arrested 9 people."), "search_warrants") ==
          Said{"15"});
    // Addresses alone count nothing.
    CHECK(facts_of("Officers visited 40 addresses during the week.").empty());
}

TEST_CASE("projects are operations, standing programmes are not", "[extract][facts][operation]") {
    auto project = facts_of("Project Larchmont, led by the Ontario Provincial Police, ended with 64 people charged.");
    REQUIRE(project.size() == 1);
    CHECK(project[0].operation == "Larchmont");
    auto programme = facts_of("The case was brought as part of Project Safe Childhood. Agents arrested 12 men.");
    REQUIRE(programme.size() == 1);
    CHECK(programme[0].operation.empty());
}

TEST_CASE("shares of those counted in the sentence before", "[extract][facts]") {
    auto facts = facts_of(
        "Officers have safeguarded 31 children so far. Of those 31, eight were said to be at serious risk of harm. "
        "Police arrested 40 men. Of those arrested, 20 were in Kent. Nine were already registered sex offenders.");
    CHECK(said(facts, "children_at_risk") == Said{"8"});
    CHECK(said(facts, "registered_offenders") == Said{"9"});
    // No share without the words that open one.
    CHECK(said(facts_of("Officers safeguarded 31 children. Eight were said to be at serious risk."), "children_at_risk").empty());
}

TEST_CASE("counties and parishes the gazetteer does not list", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Agents from 20 agencies arrested 41 men across the state. Arrests were made in nine counties: "
        "Jefferson County accounted for 12 arrests, Orleans Parish for 7 and St Tammany Parish for 4. "
        "In Tangipahoa Parish, deputies served 6 search warrants.");
    CHECK(said(facts, "arrests") ==
          Said{"41", "12 @Jefferson County", "7 @Orleans Parish", "4 @St Tammany Parish"});
    CHECK(said(facts, "search_warrants") == Said{"6 @Tangipahoa Parish"});
    auto sheriffs = facts_of(
        "Agencies across the state arrested 40 men in a week-long sweep. The Sumter County Sheriff's Office "
        "arrested 12, and the Levy County Sheriff's Office arrested 4.");
    CHECK(said(sheriffs, "arrests") == Said{"40", "12 @Sumter County", "4 @Levy County"});
    // A county named as the home of a local operation is its total.
    auto local = facts_of("The Polk County Sheriff's Office arrested 17 men in a week-long sting.");
    CHECK(said(local, "arrests") == Said{"17"});
}

TEST_CASE("rates are not figures of an operation", "[extract][facts][precision]") {
    CHECK(facts_of("Police across the country arrest around 700 suspects every month.").empty());
    CHECK(facts_of("The unit safeguards about 90 children each week.").empty());
}

TEST_CASE("places after 'on', and courts that are no scope", "[extract][facts][scope]") {
    const std::string lead = "A county-wide operation ended with 30 arrests across the region. ";
    CHECK(said(facts_of(lead + "Four of the arrests were on the Isle of Wight and nine were in Southampton."), "arrests") ==
          Said{"30", "4 @Isle of Wight", "9 @Southampton"});
    CHECK(said(facts_of(lead + "Two men have been charged and will appear before magistrates in Carlisle."), "charged") ==
          Said{"2"});
    CHECK(said(facts_of("He was jailed for 2 years 4 months."), "sentence") == Said{"28 months"});
}

TEST_CASE("thousands written with dots, and more ways of saying safeguarded", "[extract][facts]") {
    auto facts = facts_of(
        "Investigators found more than 14.000 images. A server held 1.250.000 images. Three children were brought to safety. "
        "Officers seized 2.5 million files.");
    CHECK(said(facts, "images") == Said{"14000 more_than", "1250000", "2500000"});
    CHECK(said(facts, "children_safeguarded") == Said{"3"});
    CHECK(said(facts_of("Officers seized 2.500 million files."), "images") == Said{"2500000"});
}

TEST_CASE("days of a court order are no duration of the operation", "[extract][facts][duration]") {
    auto facts = facts_of(
        "He was given a community order with a 30-day rehabilitation activity requirement after a 10-day operation.");
    CHECK(said(facts, "duration") == Said{"10 days"});
}

TEST_CASE("a local operation's own area is its total", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Guernsey Police have made 7 arrests in an 18-month investigation into online child abuse. "
        "All 7 arrests were made in Guernsey.");
    CHECK(said(facts, "arrests") == Said{"7", "7"});
}

TEST_CASE("operations as written, and the unnamed one beside them", "[extract][facts][operation]") {
    auto facts = facts_of(
        "Police have arrested 12 people in Operation Harbnger. Operation Harbinger ran for six weeks.\n"
        "It follows a similar operation in the north which saw 30 arrests.");
    REQUIRE(facts.size() == 3);
    CHECK(facts[0].operation == "Harbnger");
    CHECK(facts[1].metric == "duration");
    CHECK(facts[1].operation == "Harbinger");
    CHECK(facts[2].operation.empty());
}

TEST_CASE("prison sentences: custodial terms only", "[extract][facts][sentence]") {
    auto facts = facts_of(
        "One man was jailed for 2 years and 3 months. Another received a 30-month sentence. A third was given "
        "an 18-month sentence suspended for two years. A fourth was handed a two-year community order. "
        "The guideline starting point was 12 months' custody. The offence carries a maximum sentence of ten years. "
        "He faces up to 14 years in jail. She was made subject to a Sexual Harm Prevention Order for 10 years.");
    CHECK(said(facts, "sentence") == Said{"27 months", "30 months"});
}

TEST_CASE("durations of the operation", "[extract][facts][duration]") {
    CHECK(said(facts_of("Three days of action led to 50 arrests."), "duration") == Said{"3 days"});
    CHECK(said(facts_of("The 72-hour operation led to 50 arrests."), "duration") == Said{"72 hours"});
    CHECK(said(facts_of("A week-long sweep led to 50 arrests."), "duration") == Said{"1 weeks"});
    CHECK(said(facts_of("Police made 50 arrests in five days."), "duration") == Said{"5 days"});
    // A span of time about something else is no duration.
    CHECK(said(facts_of("He had downloaded images for 15 years before he was arrested."), "duration").empty());
}

TEST_CASE("not facts: ages, dates, years, times and phone numbers", "[extract][facts][precision]") {
    CHECK(facts_of("A 20-year-old man was arrested on 12 June 2021 at 6am.").empty());
    CHECK(facts_of("The man, aged 43, was arrested. The suspect, 52, was charged.").empty());
    CHECK(facts_of("Those arrested were aged between 18 and 70.").empty());
    CHECK(facts_of("Call Crimestoppers on 0800 555 111 or the helpline on 0808 800 5000.").empty());
    CHECK(facts_of("In 2014, officers were deployed to the scene.").empty());
    CHECK(facts_of("The raids took place on Tuesday 12 and Wednesday 13th March.").empty());
}

TEST_CASE("not facts: maximum penalties, percentages, studies and estimates", "[extract][facts][precision]") {
    CHECK(facts_of("Possession of indecent images carries a maximum sentence of five years.").empty());
    CHECK(facts_of("Some 45% of offenders were arrested at home.").empty());
    CHECK(facts_of("The study looked at 120 offenders from 30 forces, 60 of whom were arrested.").empty());
    CHECK(facts_of("Analysts estimated that 80,000 people in the UK were involved.").empty());
    CHECK(facts_of("Police have seized millions of images and tens of thousands of videos.").empty());
    CHECK(facts_of("Dozens of people were arrested.").empty());
    CHECK(facts_of("One in five of those arrested was a woman.").empty());
}

TEST_CASE("not facts: counts of charges, countries, suspects identified, site users", "[extract][facts][precision]") {
    CHECK(said(facts_of("Four men were charged with 390 offences."), "charged") == Said{"4"});
    CHECK(facts_of("Agencies from 19 countries took part.").empty());
    CHECK(facts_of("Investigators identified 150 suspects who have not yet been arrested.").empty());
    CHECK(facts_of("The website had more than 200,000 users and 1,500 accounts.").empty());
    CHECK(said(facts_of("One offender was found with 1.5 million images."), "images") == Said{"1500000"});
}

TEST_CASE("names are masked in evidence unless kept", "[extract][facts][names]") {
    std::string text = "Detective Inspector Anna Price said officers arrested 14 people in Operation Lantern.";
    auto masked = facts_of(text);
    REQUIRE(masked.size() == 1);
    CHECK(masked[0].evidence == "Detective Inspector [name] said officers arrested 14 people in Operation Lantern.");
    CHECK(masked[0].start == 0);
    CHECK(masked[0].end == text.size());
    auto kept = facts_of(text, ExtractOptions{true});
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].evidence == text);

    auto listed = facts_of("Results include:\nGordon Pike - received 4 years imprisonment\n");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].evidence == "[name] - received 4 years imprisonment");
    CHECK(listed[0].value == 4);
}

TEST_CASE("HTML input keeps offsets into the original bytes", "[extract][facts][html]") {
    std::string html =
        "<html><head><script>var a = '99 arrests';</script></head><body>"
        "<p>Published 2 May 2018</p><p>Police &amp; partners made <b>31</b> arrests.</p></body></html>";
    auto facts = facts_of(html);
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].value == 31);
    CHECK(facts[0].evidence == "Police & partners made 31 arrests.");
    CHECK(html.substr(facts[0].start, facts[0].end - facts[0].start) ==
          "Police &amp; partners made <b>31</b> arrests.");
    CHECK(facts[0].date == "2018-05-02");
}

TEST_CASE("document dates in several forms", "[extract][facts][date]") {
    CHECK(facts_of("Published: 16 June 2012\n\nPolice made 5 arrests.")[0].date == "2012-06-16");
    CHECK(facts_of("December 16, 2022\n\nPolice made 5 arrests.")[0].date == "2022-12-16");
    CHECK(facts_of("Posted 16/06/2012\n\nPolice made 5 arrests.")[0].date == "2012-06-16");
    CHECK(facts_of("Police made 5 arrests.")[0].date.empty());
}

TEST_CASE("searches of homes count as search warrants", "[extract][facts]") {
    CHECK(said(facts_of("Officers carried out 57 house searches across the region."), "search_warrants") == Said{"57"});
    CHECK(said(facts_of("Detectives searched 23 properties in the city on Monday."), "search_warrants") == Said{"23"});
    CHECK(said(facts_of("The team carried out searches at 16 addresses."), "search_warrants") == Said{"16"});
    CHECK(said(facts_of("Investigators conducted 30 searches over two days."), "search_warrants") == Said{"30"});
    // Searches that no officer made: a search engine's.
    CHECK(said(facts_of("The company blocked 4,000 searches for abuse material last month."), "search_warrants").empty());
}

TEST_CASE("charges filed against people count as people charged", "[extract][facts]") {
    CHECK(said(facts_of("Prosecutors have filed charges against 64 defendants so far."), "charged") == Said{"64"});
    CHECK(said(facts_of("Charges were brought against 12 men after the raids."), "charged") == Said{"12"});
    CHECK(said(facts_of("In total, nine police authorities took part."), "police_forces") == Said{"9"});
    CHECK(said(facts_of("Some 70 police from four agencies took part."), "officers") == Said{"70 about"});
}

TEST_CASE("one of a group is not a count of one", "[extract][facts]") {
    CHECK(facts_of("One of those arrested, a 50-year-old man, has been charged with two offences.").empty());
    CHECK(facts_of("\"Every one of these pictures is a crime scene,\" she said.").empty());
    CHECK(facts_of("She said Operation Heron was one of the largest investigations the unit had run.").empty());
    // The group's size counts what the subject names.
    CHECK(said(facts_of("The warrant at his flat was one of 48 executed during Operation Heron."), "search_warrants") ==
          Said{"48"});
}

TEST_CASE("a unit's history before the report is not its operation's", "[extract][facts]") {
    std::string_view report =
        "Published 3 March 2025\n"
        "Police arrested 19 people in Operation Larch.\n"
        "Since the taskforce was set up in 2011, it has made more than 700 arrests.\n"
        "When it was founded in 2009 the unit had four detectives.\n"
        "Since the operation began in 2022, 40 officers have taken part.\n";
    auto facts = facts_of(report);
    CHECK(said(facts, "arrests") == Said{"19"});
    CHECK(said(facts, "officers") == Said{"40"});
    // A dateline's date is the document's own, even on a long first line.
    REQUIRE_FALSE(facts.empty());
    auto dated = facts_of("HALIFAX, NS, Mar. 4, 2024 /Wire/ - Nova Scotia RCMP said 11 people had been charged.\n");
    REQUIRE(dated.size() == 1);
    CHECK(dated[0].date == "2024-03-04");
}

TEST_CASE("a count that has risen to a new figure", "[extract][facts]") {
    CHECK(said(facts_of("The number of men arrested in the force's largest ever inquiry into abuse images has risen to 31."),
               "arrests") == Said{"31"});
    CHECK(said(facts_of("Number charged in county abuse image inquiry rises to 17"), "charged") == Said{"17"});
    // A change of something that is not a count of ours.
    CHECK(facts_of("The number of reports about the website has risen to 3,000.").size() <= 1);
}

TEST_CASE("the country whose police report the lead is the operation's total", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Portugal's Judiciary Police said on Friday it had arrested 21 people in a nine-month operation.\n"
        "The inquiry began with a tip from Europol, and suspects in Brazil and Angola were reported to local police.\n");
    CHECK(said(facts, "arrests") == Said{"21"});
    // An international operation's report: the country is a part of it.
    auto international = facts_of(
        "Europol coordinated an action day in 14 countries. Portugal's Judiciary Police arrested 21 people.");
    CHECK(said(international, "arrests") == Said{"21 @Portugal"});
}

TEST_CASE("a list's heading names what its lines count", "[extract][facts][scope]") {
    auto colon = facts_of(
        "Officers from four counties took part in Operation Moorhen.\n\n"
        "The search warrants were spread across the counties as follows:\n\n"
        "Derbyshire: 12\nNottinghamshire: 9\nRutland: 3\nOther areas: 5\n\n"
        "The force thanked the public.\n");
    CHECK(said(colon, "search_warrants") == Said{"12 @Derbyshire", "9 @Nottinghamshire", "3 @Rutland"});
    auto markdown = facts_of("## Charged by district\n\n- Lowmoor: 7\n- Eastwick Vale: 4\n\n## Quotes\n\nShe said 12 more were expected.\n");
    CHECK(said(markdown, "charged") == Said{"7 @Lowmoor", "4 @Eastwick Vale"});
    // A line with its own figure is no heading: "Three arrested" counts.
    CHECK(said(facts_of("Three arrested in abuse image raids\n\nPolice said the men were bailed.\n"), "arrests") == Said{"3"});
}

TEST_CASE("a breakdown by where people live", "[extract][facts][scope]") {
    auto facts = facts_of(
        "Police in Sweden said 40 people had been arrested. Of those arrested, 17 live in the Uppsala region, "
        "12 in Norrbotten and six in Gotland.");
    CHECK(said(facts, "arrests") == Said{"40", "17 @Uppsala", "12 @Norrbotten", "6 @Gotland"});
    auto accused = facts_of("Twenty people were charged. Seven of the accused are from Moose Jaw and four are from Estevan.");
    CHECK(said(accused, "charged") == Said{"20", "7 @Moose Jaw", "4 @Estevan"});
    auto modifier = facts_of("Of the 30 people charged, 21 live in metropolitan Perth and nine in regional Queensland.");
    CHECK(said(modifier, "charged") == Said{"30", "21 @metropolitan Perth", "9 @regional Queensland"});
    // Not places: a category of images, a register.
    CHECK(said(facts_of("Officers found 900 images, 120 of them in Category A."), "images") == Said{"900"});
    CHECK(said(facts_of("Of the 31 arrested, four were on the Sex Offenders Register."), "arrests") == Said{"31"});
}

TEST_CASE("modifiers in a list and a name spelled before its acronym", "[extract][facts]") {
    CHECK(said(facts_of("More than 120 federal, state and local law enforcement agencies took part."), "police_forces") ==
          Said{"120 more_than"});
    CHECK(said(facts_of("The sweep involved all 61 Internet Crimes Against Children (ICAC) task forces."), "police_forces") ==
          Said{"61"});
    // A list of people is no list of modifiers.
    CHECK(said(facts_of("Police arrested 12 men, women and teenagers in the raids."), "arrests") == Said{"12"});
    // A span of time stated without a figure, in a sentence without one.
    CHECK(said(facts_of("The FBI announced the results of a coordinated month-long operation against online predators."),
               "duration") == Said{"1 months"});
}

TEST_CASE("children removed from harm, spans of time said far from their subject", "[extract][facts]") {
    CHECK(said(facts_of("Officers charged 14 men and removed six children from harm."), "children_safeguarded") == Said{"6"});
    CHECK(said(facts_of("Detectives brought 11 children to safety during the raids."), "children_safeguarded") == Said{"11"});
    // Removed from harm is the children's; removed from a website is not.
    CHECK(said(facts_of("The company removed 300 images from its site."), "children_safeguarded").empty());
    CHECK(said(facts_of("The operation, codenamed Kestrel and run from Leeds, ran for nine months."), "duration") ==
          Said{"9 months"});
    CHECK(said(facts_of("The investigation began 20 months ago after a tip from Europol."), "duration") == Said{"20 months"});
    CHECK(said(facts_of("He began 20 months ago to share images."), "duration").empty());
}

TEST_CASE("a year's statistics are not the operation's", "[extract][facts]") {
    CHECK(said(facts_of("Last year the hotline received 41,000 reports of abuse material."), "referrals").empty());
    CHECK(said(facts_of("In 2023, the unit opened 520 investigations."), "investigations").empty());
    CHECK(said(facts_of("Across 2023 as a whole, the team received 2,100 referrals."), "referrals").empty());
    // The operation's own figures in the same kind of sentence stay.
    CHECK(said(facts_of("In 2023, Operation Wren led to 31 arrests."), "arrests") == Said{"31"});
    CHECK(said(facts_of("The unit received 212 referrals during the operation."), "referrals") == Said{"212"});
}

TEST_CASE("nouns of people as modifiers, a force's strength, a possessor", "[extract][facts]") {
    CHECK(said(facts_of("Officers found 12,000 child abuse images on his laptop."), "images") == Said{"12000"});
    CHECK(said(facts_of("Cumbria Police has 1,200 officers in total."), "officers").empty());
    CHECK(said(facts_of("Some 45 officers took part in the raids."), "officers") == Said{"45 about"});
    CHECK(said(facts_of("Police seized 30 phones, and one suspect's laptop alone held 700 images."), "arrests").empty());
}

TEST_CASE("a part, by place, of the people counted in an earlier sentence", "[extract][facts][scope]") {
    auto facts = facts_of("Deputies arrested 21 men in the sting. Eleven of them were from Polk County, six from Hardee County.");
    CHECK(said(facts, "arrests") == Said{"21", "11 @Polk County", "6 @Hardee County"});
    // A part said with its own count stays with that count.
    auto own = facts_of("Police charged 14 men. Officers said 9 children had been safeguarded, five of them in Leeds.");
    CHECK(said(own, "children_safeguarded") == Said{"9", "5 @Leeds"});
    CHECK(said(own, "charged") == Said{"14"});
}

TEST_CASE("an action week and a span of time after a long subject", "[extract][facts]") {
    CHECK(said(facts_of("During a coordinated action week in March, 52 suspects were arrested."), "duration") == Said{"1 weeks"});
    CHECK(said(facts_of("Police across Europe held joint action days in May and arrested 52 suspects."), "duration").empty());
    CHECK(said(facts_of("Project Lumen involved 14 police services from across the province, working together for a period of "
                        "six weeks."),
               "duration") == Said{"6 weeks"});
}

TEST_CASE("list lines labelled with places the gazetteer does not know", "[extract][facts][scope]") {
    auto facts = facts_of(
        "The national police arrested 10 suspects in a nationwide operation.\n\nResults by region:\n\n"
        "- Greater Kalinga (GKR): 6 suspects arrested; 11 minors rescued\n"
        "- Port Alder, Northshire: 4 suspects arrested\n- Total: 10 suspects arrested\n");
    CHECK(said(facts, "arrests") == Said{"10", "6 @Greater Kalinga", "4 @Port Alder", "10"});
    CHECK(said(facts, "children_safeguarded") == Said{"11 @Greater Kalinga"});
    auto dashes = facts_of("Arrests by county:\n\n* Harlan County - 9\n* Perry County - 4\n");
    CHECK(said(dashes, "arrests") == Said{"9 @Harlan County", "4 @Perry County"});
    // A list of people, a dateline and an operation's headline are not places.
    auto people = facts_of("Sentences handed down:\n\nGavin Hollis - received 4 years imprisonment\n");
    CHECK(said(people, "sentence") == Said{"4 years"});
    CHECK(said(facts_of("DENVER - A man was sentenced to 12 years in federal prison."), "sentence") == Said{"12 years"});
    CHECK(said(facts_of("Operation Tern: 14 people charged after week of raids\n"), "charged") == Said{"14"});
}

TEST_CASE("a year's statistics of any kind, groups by strength, arrest warrants, raids", "[extract][facts]") {
    CHECK(facts_of("In 2022-23, the agency charged 240 offenders with 1,100 offences.").empty());
    CHECK(said(facts_of("In 2023, Operation Finch led to 31 arrests."), "arrests") == Said{"31"});
    CHECK(said(facts_of("The task force has more than 90 affiliate agencies statewide."), "police_forces").empty());
    CHECK(said(facts_of("A 75-strong team of officers took part in the raids."), "officers") == Said{"75"});
    CHECK(said(facts_of("Officers served 12 search warrants and implemented 3 warrants of arrest."), "search_warrants") ==
          Said{"12"});
    CHECK(said(facts_of("Police smashed down doors at 21 homes across the county."), "search_warrants") == Said{"21"});
    // "accused" are people: what they were is said by the verb.
    CHECK(said(facts_of("Two accused were provisionally arrested."), "arrests") == Said{"2"});
    CHECK(said(facts_of("Two accused were provisionally arrested."), "charged").empty());
}

TEST_CASE("tables: the header names each column's metric, the first cell the row's place", "[extract][facts][scope]") {
    auto facts = facts_of(
        "<html><body><h1>Operation Saltmarsh: 13 arrested</h1><p>Police arrested 13 people across three towns.</p>"
        "<table><tr><th>Town</th><th>Search warrants</th><th>Arrests</th></tr>"
        "<tr><td>Hexham</td><td>4</td><td>5</td></tr><tr><td>Alnwick</td><td>3</td><td>8</td></tr></table>"
        "<p>The force thanked the public.</p></body></html>");
    CHECK(said(facts, "search_warrants") == Said{"4 @Hexham", "3 @Alnwick"});
    CHECK(said(facts, "arrests") == Said{"13", "13", "5 @Hexham", "8 @Alnwick"});
}

TEST_CASE("page furniture holds other stories' figures", "[extract][facts]") {
    auto facts = facts_of(
        "<html><body><nav><a href='/'>12 things to do</a></nav><article><p>Police arrested 9 men.</p></article>"
        "<aside class='related'><ul><li>Council adds 3 officers</li></ul></aside>"
        "<div class=\"most-read-box\"><div><p>40 arrested in drugs raid</p></div></div>"
        "<p>Detectives seized 30 devices.</p><footer>Copyright 2025, 14 stations</footer></body></html>");
    CHECK(said(facts, "arrests") == Said{"9"});
    CHECK(said(facts, "officers").empty());
    CHECK(said(facts, "devices_seized") == Said{"30"});
}

TEST_CASE("places named with the largest share, in brackets, or before 'where'", "[extract][facts][scope]") {
    auto most = facts_of(
        "Police in Brazil arrested 40 people. Bahia accounted for the largest number of arrests, 12, followed by "
        "Goias with nine and Amapa with four.");
    CHECK(said(most, "arrests") == Said{"40", "12 @Bahia", "9 @Goias", "4 @Amapa"});
    auto brackets = facts_of(
        "Police searched 60 homes. Most searches took place in the areas of Leeds (17) and Bradford (12).");
    CHECK(said(brackets, "search_warrants") == Said{"60", "17 @Leeds", "12 @Bradford"});
    auto where = facts_of("Police detained 16 people. Most were held in Leeds, where six people were detained.");
    CHECK(said(where, "arrests") == Said{"16", "6 @Leeds"});
    // An age in brackets after a name is no count.
    CHECK(facts_of("Jordan Pike (43) was charged with two offences.").empty());
    // How long an operation ran is its own, wherever the sentence places it.
    CHECK(said(facts_of("Police in Leeds ran a six-week operation in the city."), "duration") == Said{"6 weeks"});
}

TEST_CASE("coasts and regions as places, children located, a fortnight of enforcement", "[extract][facts]") {
    auto facts = facts_of("Police charged 12 men. Seven were charged in the Hunter region, three on the Sunshine Coast "
                          "and two in the South Moravian Region.");
    CHECK(said(facts, "charged") == Said{"12", "7 @Hunter region", "3 @Sunshine Coast", "2 @South Moravian Region"});
    CHECK(said(facts_of("Agents identified or located 27 child victims."), "children_safeguarded") == Said{"27"});
    CHECK(said(facts_of("Police arrested nine people during a fortnight of targeted enforcement."), "duration") ==
          Said{"2 weeks"});
}

TEST_CASE("reporting obligations, investigation proceedings, police headquarters", "[extract][facts]") {
    CHECK(said(facts_of("Of the 40 people arrested, six were already subject to reporting obligations."),
               "registered_offenders") == Said{"6"});
    CHECK(said(facts_of("Prosecutors are conducting 31 separate investigation proceedings."), "investigations") ==
          Said{"31"});
    CHECK(said(facts_of("Officers from all 12 regional police headquarters took part."), "police_forces") == Said{"12"});
}

TEST_CASE("a dashed list of places, a region's share, an agency's intake", "[extract][facts]") {
    auto facts = facts_of("Police in South Australia arrested 23 people.\n\nNorthern Adelaide – 9 arrests\nRegional SA – 5 arrests\n");
    CHECK(said(facts, "arrests") == Said{"23", "9 @Northern Adelaide", "5 @Regional SA"});
    auto share = facts_of("Police arrested 40 people. The Lyon region accounted for 17 of the arrests.");
    CHECK(said(share, "arrests") == Said{"40", "17 @Lyon region"});
    // A hotline's intake is no operation's referrals; the referrals that began one are.
    CHECK(said(facts_of("The national hotline received more than 14,000 reports of abuse material."), "referrals").empty());
    CHECK(said(facts_of("The investigation began after 260 referrals were received from NCMEC."), "referrals") ==
          Said{"260"});
}

TEST_CASE("places that begin with a capital outside ASCII", "[extract][facts][scope]") {
    auto facts = facts_of("Police in Sweden arrested 30 people. Of those arrested, 12 were in Örebro and 9 in Östergötland.");
    CHECK(said(facts, "arrests") == Said{"30", "12 @Örebro", "9 @Östergötland"});
}

TEST_CASE("a county's share of the arrests, a place before a bare figure, a time of day", "[extract][facts][scope]") {
    auto facts = facts_of("Police arrested 90 people. Dallas County accounted for the largest share of the arrests, with 31. "
                          "Collin County reported 14 arrests and Denton County nine.");
    CHECK(said(facts, "arrests") == Said{"90", "31 @Dallas County", "14 @Collin County", "9 @Denton County"});
    auto quote = facts_of("\"We had more than 150 officers knocking on doors at six in the morning,\" she said.");
    CHECK(said(quote, "officers") == Said{"150 more_than"});
    CHECK(said(quote, "search_warrants").empty());
    CHECK(said(facts_of("Four children were placed in protective care."), "children_safeguarded") == Said{"4"});
}

TEST_CASE("an aside set off by dashes, the owner of what is counted", "[extract][facts]") {
    CHECK(said(facts_of("Seven children - the youngest only two - were taken to safety."), "children_safeguarded") ==
          Said{"7"});
    CHECK(said(facts_of("All 12 of Norway's police districts took part."), "police_forces") == Said{"12"});
    // A force's divisions are parts of one force, not forces.
    CHECK(said(facts_of("All 15 of Ireland's police divisions took part."), "police_forces").empty());
    // An aside that ends the sentence leaves the count without a verb.
    CHECK(said(facts_of("Seven children - the youngest only two."), "children_safeguarded").empty());
}

TEST_CASE("lakh and crore, ages said with 'are under', past years are no prison terms", "[extract][facts]") {
    CHECK(said(facts_of("Investigators found over 4.5 lakh images on the devices."), "images") == Said{"450000 more_than"});
    CHECK(said(facts_of("About a third of those charged are under 25, police said."), "charged").empty());
    CHECK(said(facts_of("The force said it had received twice as many referrals in the past five years."), "sentence").empty());
    CHECK(said(facts_of("He received five years in prison."), "sentence") == Said{"5 years"});
}

TEST_CASE("a known place with a capitalised suffix is another place, so is south Wales, and the force that led", "[extract][facts][scope]") {
    auto counties = facts_of("Detectives arrested 40 men.\n\nArrests by county:\n\nCamden County: 9\nWashington County: 6\n");
    CHECK(said(counties, "arrests") == Said{"40", "9 @Camden County", "6 @Washington County"});
    // After a national lead, so that the place is a part and not the whole.
    CHECK(said(facts_of("Police arrested 40 men nationwide. In Camden County, four men were held."), "arrests") ==
          Said{"40", "4 @Camden County"});
    CHECK(said(facts_of("Police arrested 40 men nationwide. In Camden, four men were held."), "arrests") ==
          Said{"40", "4 @Camden"});
    // The lead sets the area with a small letter; the force of that area is then the whole.
    auto wales = facts_of("Nine men were arrested in raids across north Wales.\n\n"
                          "North Wales Police said 70 officers took part.");
    CHECK(said(wales, "arrests") == Said{"9"});
    CHECK(said(wales, "officers") == Said{"70"});
    CHECK(said(facts_of("The sweep was coordinated by the Ohio State Police, with more than 20 police departments "
                        "taking part."),
               "police_forces") == Said{"20 more_than"});
    CHECK(said(facts_of("Police arrested 40 men nationwide. Ohio State Police arrested 6 men."), "arrests") ==
          Said{"40", "6 @Ohio"});
}

TEST_CASE("limits with months, times ago, the day of action, a span after a qualifier", "[extract][facts]") {
    CHECK(said(facts_of("The offence carries a penalty of up to two years and six months in prison."), "sentence").empty());
    CHECK(said(facts_of("He was jailed for two years and six months."), "sentence") == Said{"30 months"});
    CHECK(said(facts_of("The unit received three times as many referrals this year as it did four years ago."), "sentence")
              .empty());
    CHECK(said(facts_of("Some 60 officers took part in the day of action."), "duration") == Said{"1 days"});
    CHECK(said(facts_of("Officers were praised for their work on the day of the raids."), "duration").empty());
    CHECK(said(facts_of("Sixty officers took part in a week of action."), "duration") == Said{"1 weeks"});
    CHECK(said(facts_of("The investigation, which has run for nearly three years, continues."), "duration") ==
          Said{"3 years fewer_than"});
}

TEST_CASE("the things of a person counted, cases registered", "[extract][facts]") {
    auto facts = facts_of("The laptop of one suspect held 9,000 images.");
    CHECK(said(facts, "arrests").empty());
    CHECK(said(facts, "images") == Said{"9000"});
    CHECK(said(facts_of("The arrest of one man followed a tip-off."), "arrests") == Said{"1"});
    CHECK(said(facts_of("The state police have registered 14 cases against the accused."), "investigations") == Said{"14"});
    CHECK(said(facts_of("Of those held, 8 registered sex offenders were named."), "investigations").empty());
}

TEST_CASE("tabloid breakdowns: the hardest hit place, two places with a figure each", "[extract][facts][scope]") {
    auto facts = facts_of("Police arrested 30 men across the country.\n\n"
                          "Leeds was the worst hit, with nine arrests, while Hull and York each saw four.");
    CHECK(said(facts, "arrests") == Said{"30", "9 @Leeds", "4 @Hull", "4 @York"});
    auto each = facts_of("Police arrested 30 men across the country. Of those arrested, ten were from Kent and one "
                         "each from Essex and Surrey.");
    CHECK(said(each, "arrests") == Said{"30", "10 @Kent", "1 @Essex", "1 @Surrey"});
    CHECK(said(facts_of("TWENTY suspected paedos have been nicked in raids."), "arrests") == Said{"20"});
    // A division after the place: the place is the scope.
    auto division = facts_of("Police arrested 30 men across Scotland. Glasgow accounted for the largest number of "
                             "arrests, with 12, followed by Edinburgh City division with seven.");
    CHECK(said(division, "arrests") == Said{"30", "12 @Glasgow", "7 @Edinburgh City"});
}

TEST_CASE("places in brackets after a verb of people, a dateline in capitals", "[extract][facts][scope]") {
    auto facts = facts_of("Police detained 20 people in Operation Quay.\n\n"
                          "The suspects were detained in these countries: France (8), Belgium (7) and Denmark (5).");
    CHECK(said(facts, "arrests") == Said{"20", "8 @France", "7 @Belgium", "5 @Denmark"});
    // Where the story was filed is not the scope of its lead.
    CHECK(said(facts_of("MANILA: Police have arrested 17 people in a nationwide sweep."), "arrests") == Said{"17"});
    // A list line's label still is.
    CHECK(said(facts_of("Police arrested 40 people.\n\nKENT: 14 arrested\n"), "arrests") == Said{"40", "14 @Kent"});
}

TEST_CASE("a year said at the end, offences are not images, a unit's founding undated, month before a word", "[extract][facts]") {
    CHECK(said(facts_of("Police arrested 9 men. The hub reviewed more than 3,100 files last year."), "images").empty());
    CHECK(said(facts_of("Police arrested 9 men. Forces recorded 41,000 offences involving indecent images."), "images")
              .empty());
    CHECK(said(facts_of("Police arrested 9 men. Officers found 6,000 child abuse images."), "images") == Said{"6000"});
    CHECK(said(facts_of("Police arrested 9 men. When the team was set up in 2016 it had five detectives."), "officers")
              .empty());
    CHECK(said(facts_of("Of the 12 people arrested in June, four have so far been charged."), "charged") == Said{"4"});
    CHECK(said(facts_of("In March eleven men were arrested."), "arrests") == Said{"11"});
    CHECK(said(facts_of("On March 11 officers arrested 3 men."), "arrests") == Said{"3"});
    CHECK(said(facts_of("Police arrested 9 men. This was not a one-week blitz."), "duration").empty());
}

TEST_CASE("rates are no counts, an earlier operation of another name is not this one", "[extract][facts]") {
    CHECK(said(facts_of("Forces now arrest about 700 people a month for such offences."), "arrests").empty());
    CHECK(said(facts_of("The hotline receives 30 referrals a day."), "referrals").empty());
    CHECK(said(facts_of("Officers arrested 12 men a week ago."), "arrests") == Said{"12"});
    auto earlier = facts_of("Police arrested 12 men in Operation Fell. Last year, a similar operation led to 14 arrests. "
                            "In a previous operation in 2019, officers charged 30 people.");
    CHECK(said(earlier, "arrests") == Said{"12"});
    CHECK(said(earlier, "charged").empty());
    // Named, it is an operation of its own.
    CHECK(said(facts_of("Police arrested 12 men. Last year, a similar operation, Operation Dune, led to 14 arrests."),
               "arrests") == Said{"12", "14"});
}

TEST_CASE("regions of India, New Zealand and Malaysia from the gazetteer, scopes as written", "[extract][facts][scope]") {
    // The gazetteer writes Goiás and São Paulo; the scope is the text's spelling.
    CHECK(said(facts_of("Police arrested 40 people across Brazil, 9 in Goias and 6 in São Paulo."), "arrests") ==
          Said{"40", "9 @Goias", "6 @São Paulo"});
    CHECK(said(facts_of("Police arrested 40 people across Brazil, 9 in Goiás and 6 in Sao Paulo."), "arrests") ==
          Said{"40", "9 @Goiás", "6 @Sao Paulo"});
    auto india = facts_of("The CBI arrested 9 people nationwide. Five of them are from Odisha and two from Jharkhand.");
    CHECK(said(india, "arrests") == Said{"9", "5 @Odisha", "2 @Jharkhand"});
    auto nz = facts_of("Police executed 20 warrants nationwide, nine of them in Tāmaki Makaurau and four in Waikato.");
    CHECK(said(nz, "search_warrants") == Said{"20", "9 @Auckland", "4 @Waikato"});
    CHECK(said(facts_of("Police arrested 30 people nationwide, including 11 in Selangor."), "arrests") ==
          Said{"30", "11 @Selangor"});
}

TEST_CASE("a tenth batch's shapes: inline breakdowns, forces with counts in brackets, text tables", "[extract][facts][scope]") {
    auto inline_list = facts_of("Police arrested 40 people. Arrests by district were: Leeds 15, Bradford 9 and Wakefield 4.");
    CHECK(said(inline_list, "arrests") == Said{"40", "15 @Leeds", "9 @Bradford", "4 @Wakefield"});
    auto forces = facts_of("Police arrested 200 people nationwide. The most arrests were made by Kent Police (30), "
                           "followed by Greater Manchester Police (25).");
    CHECK(said(forces, "arrests") == Said{"200", "30 @Kent", "25 @Greater Manchester"});
    // A person's age in brackets stays an age.
    CHECK(said(facts_of("Police arrested 200 people. Mr Hale (43) was charged."), "charged").empty());
    auto table = facts_of("Operation Fenn results\n\nSearch warrants executed        41\nDevices seized                  "
                          "370\nVoluntary interviews            12\n");
    CHECK(said(table, "search_warrants") == Said{"41"});
    CHECK(said(table, "devices_seized") == Said{"370"});
    CHECK(table.size() == 2);
    // One space is prose, not a table's column.
    CHECK(said(facts_of("Search warrants executed 41\n"), "search_warrants").empty());
    // A section number is no count.
    CHECK(said(facts_of("4.2 Arrests rose during the quarter.\n"), "arrests").empty());
    auto list = facts_of("Searches took place in 9 states.\n\n- Bavaria: 12 searches\n- Hesse: 6 searches\n");
    CHECK(said(list, "search_warrants") == Said{"12", "6 @Hesse"});
}

TEST_CASE("rescues, a country's national police, risk after 'assessed as', reportable offenders", "[extract][facts]") {
    auto latam = facts_of("Police arrested 90 people in 12 countries. Peru reported 10 arrests, while Chile's national "
                          "police arrested 8 suspects and rescued 5 children. The operation led to the rescue of 30 "
                          "children.");
    CHECK(said(latam, "arrests") == Said{"90", "10 @Peru", "8 @Chile"});
    CHECK(said(latam, "children_safeguarded") == Said{"5 @Chile", "30"});
    CHECK(said(facts_of("Police safeguarded 200 children. Of the 200 children, 35 were assessed as being at immediate "
                        "risk of harm."),
               "children_at_risk") == Said{"35"});
    CHECK(said(facts_of("Police found 90 children. Of those, 12 were found to be in imminent danger."),
               "children_at_risk") == Said{"12"});
    CHECK(said(facts_of("Police charged 20 men. Three of the men charged were reportable offenders."),
               "registered_offenders") == Said{"3"});
    CHECK(said(facts_of("The task force is a partnership of more than 200 affiliate agencies."), "police_forces").empty());
    CHECK(said(facts_of("Correction: an earlier version of this story said 19 warrants were executed."),
               "search_warrants").empty());
}

TEST_CASE("a part named by its participle, the headline's place for a lead without one, areas before names", "[extract][facts][scope]") {
    auto part = facts_of("Police charged 20 people. Nine of those charged are from Perth, four are from Bunbury.");
    CHECK(said(part, "charged") == Said{"20", "9 @Perth", "4 @Bunbury"});
    auto headline = facts_of("Twelve arrested in Suffolk raids\n\nTwelve people have been arrested after a week of "
                             "raids, police said.\n\nSuffolk Police said officers executed 15 warrants.");
    CHECK(said(headline, "arrests") == Said{"12", "12"});
    CHECK(said(headline, "search_warrants") == Said{"15"});
    CHECK(said(facts_of("Police arrested 70 people nationwide. Nine were arrested in the state of Texas."), "arrests") ==
          Said{"70", "9 @Texas"});
    CHECK(said(facts_of("Police arrested 70 people nationwide. Nine were arrested in the northern region of Lombardy."),
               "arrests") == Said{"70", "9 @Lombardy"});
}

TEST_CASE("a figure set off by commas after its noun, days of action, regions of Poland and Norway", "[extract][facts][scope]") {
    auto facts = facts_of("Police arrested 80 people nationwide. The largest number of arrests, 17, was made in the "
                          "region of Masovia.");
    CHECK(said(facts, "arrests") == Said{"80", "17 @Masovia"});
    CHECK(said(facts_of("Detectives worked on the days of action."), "duration").empty());
    CHECK(said(facts_of("Police arrested 80 people nationwide, 12 of them in Silesia and 5 in Rogaland."), "arrests") ==
          Said{"80", "12 @Silesia", "5 @Rogaland"});
}

TEST_CASE("list lines with numbers in words, datelines with a dash, the busiest place, copular 'remain'", "[extract][facts][scope]") {
    auto states = facts_of("Police charged 30 people.\n\nThose charged, by state:\n\n* Victoria – nine\n* Queensland – 6\n");
    CHECK(said(states, "charged") == Said{"30", "9 @Victoria", "6 @Queensland"});
    auto dateline = facts_of("Police made 40 arrests nationwide on Monday.\n\nDENVER – Nine men were arrested, police said.");
    CHECK(said(dateline, "arrests") == Said{"40", "9"});
    CHECK(said(facts_of("Police arrested 30 people. Luton saw the most activity, with six arrests."), "arrests") ==
          Said{"30", "6 @Luton"});
    CHECK(said(facts_of("Police arrested 30 people. Five of those arrested remain under investigation."), "arrests") ==
          Said{"30"});
    CHECK(said(facts_of("The operation ran across a period of three weeks and led to 9 arrests."), "duration") ==
          Said{"3 weeks"});
}

TEST_CASE("a year's operations in the plural are statistics, one operation in a year is not", "[extract][facts]") {
    CHECK(said(facts_of("Police arrested 30 people in Operation Olmo. In 2024, the unit carried out 48 operations, in "
                        "which 350 people were arrested."),
               "arrests") == Said{"30"});
    CHECK(said(facts_of("Police arrested 30 people. In 2024, the operation led to 12 more arrests."), "arrests") ==
          Said{"30", "12"});
}

TEST_CASE("men jailed are no arrests, a sentence opening with another operation is about it", "[extract][facts]") {
    CHECK(said(facts_of("Three men have been jailed after being caught in a week of raids."), "arrests").empty());
    CHECK(said(facts_of("Three men arrested in May were charged."), "arrests") == Said{"3"});
    auto other = facts_of("Police arrested 14 people in Operation Reed. In a separate operation in Leeds, officers "
                          "arrested six men.");
    CHECK(said(other, "arrests") == Said{"14"});
}

TEST_CASE("arrested and charged, homes searched, examples set off by commas, a record of years in an undated text", "[extract][facts]") {
    auto both = facts_of("So far 21 people have been arrested and charged.");
    CHECK(said(both, "arrests") == Said{"21"});
    CHECK(said(both, "charged") == Said{"21"});
    auto apart = facts_of("Police arrested 21 and charged 9.");
    CHECK(said(apart, "charged") == Said{"9"});
    CHECK(said(facts_of("Nine men were arrested and released on bail."), "charged").empty());
    CHECK(said(facts_of("In Leeds, 12 homes were searched."), "search_warrants") == Said{"12"});
    CHECK(said(facts_of("Officers visited 40 homes in the area."), "search_warrants").empty());
    CHECK(said(facts_of("About 60 items, including laptops, phones and hard drives, were seized."), "devices_seized") ==
          Said{"60 about"});
    CHECK(said(facts_of("Police made 300 arrests. Texas led with 40 arrests, followed by Ohio with 21."), "arrests") ==
          Said{"300", "40 @Texas", "21 @Ohio"});
    CHECK(said(facts_of("Police made 300 arrests. Twelve of those arrested were previously convicted sex offenders."),
               "registered_offenders") == Said{"12"});
    // No date line: the latest year the text names dates it.
    auto record = facts_of("Police charged 30 people in 2023. Since the programme began in 2009, officers have charged "
                           "4,000 people.");
    CHECK(said(record, "charged") == Said{"30"});
}

TEST_CASE("a table laid out with spaces: its header names the columns, its first cell the place", "[extract][facts][scope]") {
    auto facts = facts_of("Police made 140 arrests statewide.\n\n"
                          "County          Arrests   Search Warrants   Children Rescued\n"
                          "Allegheny          24           37                  4\n"
                          "Philadelphia       21           30                  3\n"
                          "York County        11           18                  3\n\n"
                          "The table above shows the results.\n");
    CHECK(said(facts, "arrests") == Said{"140", "24 @Allegheny", "21 @Philadelphia", "11 @York County"});
    CHECK(said(facts, "search_warrants") == Said{"37 @Allegheny", "30 @Philadelphia", "18 @York County"});
    CHECK(said(facts, "children_safeguarded") == Said{"4 @Allegheny", "3 @Philadelphia", "3 @York County"});
    // Prose with a double space is no table.
    CHECK(said(facts_of("Police arrested 12 men.  Officers seized 30 devices  in total."), "devices_seized") == Said{"30"});
}

TEST_CASE("a force's line keeps its place for the line's next sentences, ages of the youngest, months-long", "[extract][facts][scope]") {
    auto lines = facts_of("Police arrested 40 people.\n\nSurrey Police - 12 arrests and 14 warrants. Officers seized 90 "
                          "devices.\nKent Police - 9 arrests. Three people have been charged.\n\nNationally, 600 people "
                          "were arrested.");
    CHECK(said(lines, "arrests") == Said{"40", "12 @Surrey", "9 @Kent", "600"});
    CHECK(said(lines, "devices_seized") == Said{"90 @Surrey"});
    CHECK(said(lines, "charged") == Said{"3 @Kent"});
    CHECK(said(facts_of("Police arrested 20 people. The youngest person arrested was 17, and the oldest was 68."),
               "arrests") == Said{"20"});
    CHECK(said(facts_of("Twelve men were charged after a months-long investigation."), "duration").empty());
    CHECK(said(facts_of("Twelve men were charged after a month-long investigation."), "duration") == Said{"1 months"});
}

TEST_CASE("a list line's later items, units before a label's place, headers that deny, regional police, X-wide", "[extract][facts][scope]") {
    auto units = facts_of("Officers arrested 30 people during the week.\n\nBy unit:\n- Unit Limburg: 3 arrests, 5 searches\n"
                          "- Rotterdam: 6 arrests, 9 searches and 40 devices\n");
    CHECK(said(units, "arrests") == Said{"30", "3 @Limburg", "6 @Rotterdam"});
    CHECK(said(units, "search_warrants") == Said{"5 @Limburg", "9 @Rotterdam"});
    CHECK(said(units, "devices_seized") == Said{"40 @Rotterdam"});
    // A verb among the items makes a sentence of the line: "5 searches" is no list item there.
    CHECK(said(facts_of("Officers arrested 30 people during the week.\n\n- Limburg: 3 arrests were made, 5 searches\n"),
               "search_warrants").empty());
    auto table = facts_of("Police arrested 20 people.\n\nRegion | Arrested | Questioned (not detained) | Searches\n"
                          "Galicia | 4 | 3 | 6\n");
    CHECK(said(table, "arrests") == Said{"20", "4 @Galicia"});
    auto ontario = facts_of("Police arrested 30 people in a province-wide operation. Halton Regional Police arrested "
                            "four men, and Niagara Regional Police charged two.");
    CHECK(said(ontario, "arrests") == Said{"30", "4 @Halton Region"});
    CHECK(said(ontario, "charged") == Said{"2 @Niagara Region"});
    CHECK(said(facts_of("Eighty arrested in Ontario-wide sweep\n\nPolice arrested 80 people in a sweep across the "
                        "province."),
               "arrests") == Said{"80", "80"});
    CHECK(said(facts_of("Police arrested 31 people. Twenty of them now face charges."), "charged") == Said{"20"});
    CHECK(said(facts_of("Officers seized 130 electronic gadgets."), "devices_seized") == Said{"130"});
}

TEST_CASE("the whole of 'N of the M' takes no verb, remainder lines, a figure said again with another noun, years said later", "[extract][facts]") {
    auto parts = facts_of("Police arrested 31 people. Twenty-six of the thirty-one now face charges.");
    CHECK(said(parts, "charged") == Said{"26"});
    CHECK(said(facts_of("Nine of the 40 arrested were women."), "arrests") == Said{"40"});
    auto rest = facts_of("Police arrested 20 people.\n\nForce | Arrests\nKent | 4\nOther forces | 6\n- Others: 5 arrests\n");
    CHECK(said(rest, "arrests") == Said{"20", "4 @Kent"});
    auto india = facts_of("Officers carried out searches at 40 locations on Friday. Of the 40 locations, nine were in "
                          "Punjab, six each in Bihar and Assam and two in Goa.");
    CHECK(said(india, "search_warrants") == Said{"40", "9 @Punjab", "6 @Bihar", "6 @Assam", "2 @Goa"});
    CHECK(said(facts_of("The task force received more than 9,000 tips in 2023, police said."), "referrals").empty());
    CHECK(said(facts_of("The Bureau of Criminal Investigation received 700 referrals last year."), "referrals").empty());
    CHECK(said(facts_of("The operation received 700 referrals last year."), "referrals") == Said{"700"});
    CHECK(said(facts_of("Police arrested 12 men. Two of the men arrested are registered sexual offenders."),
               "registered_offenders") == Said{"2"});
}

TEST_CASE("the remaining figure is a part, a risk in the place children were taken from, penalties in law", "[extract][facts]") {
    auto rest = facts_of("Police arrested 90 people. Kent led with 40 arrests, followed by Essex with 30; the remaining "
                         "20 arrests were made in Surrey and Sussex.");
    CHECK(said(rest, "arrests") == Said{"90", "40 @Kent", "30 @Essex"});
    CHECK(said(facts_of("Police charged 12 men. The remaining four men charged are due to stand trial."), "charged") ==
          Said{"12"});
    auto removed = facts_of("Officers identified and removed six children from situations in which they were being "
                            "abused or were at risk of abuse.");
    CHECK(said(removed, "children_safeguarded") == Said{"6"});
    CHECK(said(removed, "children_at_risk").empty());
    CHECK(said(facts_of("Officers safeguarded six children from homes in which they were at risk."),
               "children_at_risk").empty());
    CHECK(said(facts_of("The penal code punishes possession with prison sentences of between three months and two "
                        "years."),
               "sentence").empty());
}

TEST_CASE("a headline's capitals after a word describing the operation make no name", "[extract][facts][operation]") {
    auto sting = facts_of("Nine Held in Two-Day Sting Operation Targeting Predators\n\nNine men were arrested during "
                          "\"Operation Quiet Harbor,\" a two-day sting.");
    REQUIRE(!sting.empty());
    for (const Fact& f : sting) CHECK(f.operation == "Quiet Harbor");
    auto named = facts_of("Police Arrest 20 In Operation Lexus\n\nPolice arrested 20 people.");
    REQUIRE(!named.empty());
    CHECK(named[0].operation == "Lexus");
}

TEST_CASE("a count joined by 'and' to one whose subject is a place is limited to it", "[extract][facts][scope]") {
    auto latam = facts_of("Police arrested 200 people in 12 countries. Bolivia reported 14 arrests and the rescue of "
                          "six children, while Peru made 9 arrests.");
    CHECK(said(latam, "children_safeguarded") == Said{"6 @Bolivia"});
    auto own = facts_of("Police arrested 200 people. Officers made 22 arrests in Kent and 11 children were "
                        "safeguarded.");
    CHECK(said(own, "children_safeguarded") == Said{"11"});
}

TEST_CASE("list labels with a town in brackets, investigators of a country, 'Separately,' opens another case", "[extract][facts][scope]") {
    auto counties = facts_of("Deputies arrested 12 people statewide.\n\nArrests by county:\n  * Boone County (Florence) - 7\n"
                             "  * Clark County (Winchester) - 5\n");
    CHECK(said(counties, "arrests") == Said{"12", "7 @Boone County", "5 @Clark County"});
    CHECK(said(facts_of("Europol said 90 were arrested. Dutch investigators seized 310 data carriers."), "devices_seized") ==
          Said{"310 @Netherlands"});
    CHECK(said(facts_of("Police arrested 40 people in Staffordshire. Separately, the force said 14 people had been "
                        "arrested in Leek."),
               "arrests") == Said{"40"});
    CHECK(said(facts_of("Four children were removed from harmful situations."), "children_safeguarded") == Said{"4"});
    CHECK(said(facts_of("Distributing them can lead to a ten-year term."), "sentence").empty());
}

TEST_CASE("a noun counted with its verb after an appositive figure, more of a count spread over places", "[extract][facts][scope]") {
    auto searches = facts_of("Gardai carried out 40 searches. The largest number of searches, 12, took place in Cork.");
    CHECK(said(searches, "search_warrants") == Said{"40", "12 @Cork"});
    auto spread = facts_of("Police searched 90 homes. A further 23 searches took place in Berlin, Hamburg and Saxony.");
    CHECK(said(spread, "search_warrants") == Said{"90"});
    auto each = facts_of("Police arrested 30 people. A dozen were arrested in Glasgow, with a further eight held in "
                         "Edinburgh and six in Aberdeen.");
    CHECK(said(each, "arrests") == Said{"30", "12 @Glasgow", "8 @Edinburgh", "6 @Aberdeen"});
}

TEST_CASE("a part of what a time or someone owns, an operation that ran for a month", "[extract][facts]") {
    CHECK(said(facts_of("Police arrested 68 people. Tayside accounted for 21 of this year's arrests."), "arrests") ==
          Said{"68", "21 @Tayside"});
    CHECK(said(facts_of("Police arrested 68 people. Kent accounted for 21 of the force's arrests."), "arrests") ==
          Said{"68", "21 @Kent"});
    CHECK(said(facts_of("Operation Ashlar ran for a month and led to 40 arrests."), "duration") == Said{"1 months"});
    CHECK(said(facts_of("The investigation lasted a year."), "duration") == Said{"1 years"});
    CHECK(said(facts_of("He was remanded in custody for a month."), "duration").empty());
    CHECK(said(facts_of("Police arrested 9 people over a week."), "duration").empty());
}

TEST_CASE("a figure set off by dashes takes the place of the clause after them", "[extract][facts][scope]") {
    auto dashes = facts_of("Officers arrested 30 people. Kent Police said almost half of the arrests - 14 - were in "
                           "Maidstone.");
    CHECK(said(dashes, "arrests") == Said{"30", "14 @Maidstone"});
    auto searches = facts_of("Officers searched 40 homes. The most searches - 12 - took place in Cork.");
    CHECK(said(searches, "search_warrants") == Said{"40", "12 @Cork"});
}

TEST_CASE("a child removed from a home is safeguarded", "[extract][facts]") {
    CHECK(said(facts_of("Police arrested 60 people. Officers said one child had been removed from a home in Guelph."),
               "children_safeguarded") == Said{"1 @Guelph"});
}

TEST_CASE("Markdown bold and table rules, custody and gendarmes, the next figure's place is its own", "[extract][facts][scope]") {
    auto markdown = facts_of("## Key figures\n\n- **210** people arrested\n- **35** police forces took part\n\n"
                             "| Region | Arrests |\n| --- | ---: |\n| Wales | 54 |\n| Yorkshire and the Humber | 40 |\n"
                             "| **Total** | **210** |\n");
    CHECK(said(markdown, "arrests") == Said{"210", "54 @Wales", "40 @Yorkshire and the Humber"});  // the Total row restates
    CHECK(said(markdown, "police_forces") == Said{"35"});
    auto custody = facts_of("In total, 29 people were placed in police custody. Some 180 gendarmes were mobilised.");
    CHECK(said(custody, "arrests") == Said{"29"});
    CHECK(said(custody, "officers") == Said{"180 about"});
    auto kenya = facts_of("Detectives arrested 11 suspects. Five were picked up in Mombasa, four in Kilifi and the "
                          "remaining two in Nairobi.");
    CHECK(said(kenya, "arrests") == Said{"11", "5 @Mombasa", "4 @Kilifi"});
}

TEST_CASE("places in capitals that open two lines or more are sections, one alone a dateline", "[extract][facts][scope]") {
    auto sections = facts_of("Police arrested 20 suspects across the country.\n\nGAUTENG: Eight suspects were arrested in "
                             "Tshwane and Soweto.\n\nWESTERN CAPE: Four suspects were arrested in Paarl and Bellville.\n");
    CHECK(said(sections, "arrests") == Said{"20", "8 @Gauteng", "4 @Western Cape"});
    auto dateline = facts_of("KUALA LUMPUR: Police have arrested 32 people in a nationwide operation.\n\nBREAKING: more "
                             "to follow.\n");
    CHECK(said(dateline, "arrests") == Said{"32"});
}

TEST_CASE("search-and-seizure warrants, a year's record in the last 12 months, 'Latest:' is no place", "[extract][facts]") {
    CHECK(said(facts_of("Officers executed 23 search-and-seizure warrants."), "search_warrants") == Said{"23"});
    CHECK(said(facts_of("Police arrested 9 people today. In the last 12 months our Online Investigation Team has "
                        "arrested 211 people."),
               "arrests") == Said{"9"});
    CHECK(said(facts_of("Police arrested 12 people.\n\nLatest: 9 arrests so far.\n"), "arrests") == Said{"12", "9"});
}

TEST_CASE("thousands set apart by spaces, a hyphenated term with a half", "[extract][facts]") {
    CHECK(said(facts_of("Analysts have identified more than 12 000 images."), "images") == Said{"12000 more_than"});
    CHECK(said(facts_of("He was handed a six-and-a-half-year jail term."), "sentence") == Said{"6.5 years"});
}

TEST_CASE("the devices images were on are no count of devices seized", "[extract][facts]") {
    auto court = facts_of("The court heard that officers found 4,100 images on a laptop and two phones at his home.");
    CHECK(said(court, "images") == Said{"4100"});
    CHECK(said(court, "devices_seized").empty());
    CHECK(said(facts_of("Officers seized 40 devices on the day."), "devices_seized") == Said{"40"});
}

TEST_CASE("a list of ages set off by commas runs past its own commas", "[extract][facts]") {
    CHECK(said(facts_of("Three men, aged 27, 45 and 58, have been charged."), "charged") == Said{"3"});
    auto two = facts_of("Two men, aged 34, were charged, 12 were arrested.");
    CHECK(said(two, "charged") == Said{"2"});
    CHECK(said(two, "arrests") == Said{"12"});
}

TEST_CASE("one of those arrested counts one registered offender, and is one of a group otherwise", "[extract][facts]") {
    CHECK(said(facts_of("Police arrested 20 people. One of those arrested is a registered sex offender."),
               "registered_offenders") == Said{"1"});
    CHECK(said(facts_of("Police arrested 20 people. One of those arrested was a teacher."), "arrests") == Said{"20"});
}

TEST_CASE("a local report on a national operation: its figures are the area's but for those said of the nation", "[extract][facts][scope]") {
    auto local = facts_of("Nineteen people were arrested in Derbyshire during a month-long national operation.\n\n"
                          "Officers from Derbyshire Constabulary carried out 24 warrants as part of the operation, which "
                          "led to 612 arrests nationally.\n\nOfficers seized 137 devices and 22 children were "
                          "safeguarded.\n\nAcross the UK, 45 forces took part.");
    CHECK(said(local, "arrests") == Said{"19 @Derbyshire", "612"});
    CHECK(said(local, "search_warrants") == Said{"24 @Derbyshire"});
    CHECK(said(local, "devices_seized") == Said{"137 @Derbyshire"});
    CHECK(said(local, "children_safeguarded") == Said{"22 @Derbyshire"});
    CHECK(said(local, "police_forces") == Said{"45"});
    // A national report whose lead is the nation's keeps its later figures the nation's.
    auto national = facts_of("More than 600 people were arrested in a national operation.\n\nOfficers seized 1,300 "
                             "devices. Derbyshire Police made 19 arrests.");
    CHECK(said(national, "devices_seized") == Said{"1300"});
}

TEST_CASE("a country's force by its nationality and its adjectives; the force that led is the operation's", "[extract][facts][scope]") {
    auto europol = facts_of("Europol said 60 people were arrested in 19 countries. The Spanish National Police arrested "
                            "14 people, while the Polish Central Cybercrime Bureau detained nine. The Australian Federal "
                            "Police arrested five suspects.");
    CHECK(said(europol, "arrests") == Said{"60", "14 @Spain", "9 @Poland", "5 @Australia"});
    CHECK(said(facts_of("Europol said 60 people were arrested. The operation was led by the German Federal Criminal "
                        "Police Office and involved 17 law enforcement agencies."),
               "police_forces") == Said{"17"});
}

TEST_CASE("the force that made the most arrests, with N, followed by forces with theirs; an acronym in brackets", "[extract][facts][scope]") {
    auto forces = facts_of("Police arrested 612 people. Kent Police made the most arrests of any force, with 74, followed "
                           "by Greater Manchester Police with 49 and West Midlands Police with 41.");
    CHECK(said(forces, "arrests") == Said{"612", "74 @Kent", "49 @Greater Manchester", "41 @West Midlands"});
    auto brackets = facts_of("Europol said 60 people were arrested. In the Netherlands, seven suspects were arrested, while "
                             "the Polish Central Cybercrime Bureau (CBZC) detained nine people.");
    CHECK(said(brackets, "arrests") == Said{"60", "7 @Netherlands", "9 @Poland"});
}

TEST_CASE("staff counted as officers only with a verb of taking part", "[extract][facts]") {
    CHECK(said(facts_of("Up to 150 staff were involved on the days warrants were executed."), "officers") ==
          Said{"150 up_to"});
    CHECK(said(facts_of("The school has 150 staff."), "officers").empty());
}

TEST_CASE("a term joined by 'and' to a limit before it is a limit too", "[extract][facts]") {
    CHECK(said(facts_of("The offence carries a maximum penalty of 10 years' imprisonment for possession and 14 years "
                        "for distribution."),
               "sentence").empty());
    CHECK(said(facts_of("He faced a maximum of 10 years but was jailed for 6 years."), "sentence") == Said{"6 years"});
}
