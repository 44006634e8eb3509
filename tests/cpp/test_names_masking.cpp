// Name patterns in evidence beyond titles and common given names: a rare given name told by
// an age beside it, a double-barrelled surname repeated alone, a name in a headline written
// in capitals. Every person here is invented. Each case must also leave places, forces,
// agencies and operation names readable, and must change nothing but the evidence.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "optally/extract/extractor.hpp"

using namespace optally;
using namespace optally::extract;

namespace {

std::vector<Fact> facts_of(std::string_view text, bool keep_names = false) {
    return extract_text(text, "test", Lexicon::standard(), ExtractOptions{keep_names});
}

std::string lowered(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The names of `names` found as whole words (any case) in the evidence of `facts`.
std::vector<std::string> leaked(const std::vector<Fact>& facts, const std::vector<std::string>& names) {
    std::string all;
    for (const Fact& f : facts) all += lowered(f.evidence) + "\n";
    std::vector<std::string> out;
    for (const auto& name : names) {
        std::string n = lowered(name);
        for (std::size_t at = all.find(n); at != std::string::npos; at = all.find(n, at + 1)) {
            bool before = at > 0 && letter(all[at - 1]);
            bool after = at + n.size() < all.size() && letter(all[at + n.size()]);
            if (!before && !after) {
                out.push_back(name);
                break;
            }
        }
    }
    return out;
}

std::string evidence_of(const std::vector<Fact>& facts) {
    std::string all;
    for (const Fact& f : facts) all += f.evidence + "\n";
    return all;
}

struct Case {
    const char* text;
    std::vector<std::string> names;
};

void check_masked(const Case& c) {
    INFO(c.text);
    auto masked = facts_of(c.text);
    REQUIRE_FALSE(masked.empty());  // a case without a fact proves nothing
    CHECK(leaked(masked, c.names) == std::vector<std::string>{});
    CHECK(evidence_of(masked).find("[name]") != std::string::npos);
    // The test itself: with names kept, they are there to be masked.
    CHECK_FALSE(leaked(facts_of(c.text, true), c.names).empty());
}

// Evidence must come out exactly as written: nothing in it is a name.
void check_untouched(const char* text) {
    INFO(text);
    auto masked = facts_of(text);
    REQUIRE_FALSE(masked.empty());
    auto kept = facts_of(text, true);
    REQUIRE(kept.size() == masked.size());
    for (std::size_t i = 0; i < kept.size(); ++i) CHECK(masked[i].evidence == kept[i].evidence);
}

}  // namespace

TEST_CASE("a rare given name is masked when an age stands beside it", "[extract][names]") {
    for (const Case& c : std::vector<Case>{
             {"Barnaby Quillfeather, 47, of Dorchester, was jailed for four years after police found 18,000 images.",
              {"Barnaby", "Quillfeather"}},
             {"Among those sentenced was Thaddeus Worthingham, 52, of Bakersfield, who received 12 years in federal prison.",
              {"Thaddeus", "Worthingham"}},
             {"A Geelong man, Lachlan Pettigrove, 38, was charged after officers seized 3 laptops.",
              {"Lachlan", "Pettigrove"}},
             {"Ambrose Tillingham (61), of Truro, was jailed for 5 years.", {"Ambrose", "Tillingham"}},
             {"Cuthbert Ravenscroft, aged 33, admitted the offences and was jailed for 2 years.",
              {"Cuthbert", "Ravenscroft"}},
             {"Detectives arrested 29-year-old Ignatius Blackwood after finding 400 images.", {"Ignatius", "Blackwood"}},
             {"Oswin Delamere-Fitch, 44, was jailed for 6 years.", {"Oswin", "Delamere", "Fitch"}},
         })
        check_masked(c);
}

TEST_CASE("a given name that is also a place is masked before a surname", "[extract][names]") {
    for (const Case& c : std::vector<Case>{
             {"Mr Jordan Okonkwo-Reyes was jailed for 6 years.", {"Jordan", "Okonkwo", "Reyes"}},
             {"Victoria Lanyon, of Hobart, was charged after police seized 5 phones.", {"Victoria", "Lanyon"}},
             {"Det Sgt Austin Pembury said 12 men had been arrested.", {"Austin", "Pembury"}},
         })
        check_masked(c);
    // The places themselves stay.
    check_untouched("Victoria Police arrested 12 men in Melbourne.");
    check_untouched("Police in Jordan arrested 7 men; Austin, Texas officers arrested 3.");
}

TEST_CASE("the surname learned from an age apposition is masked when repeated", "[extract][names]") {
    check_masked({"Barnaby Quillfeather, 47, of Dorchester, appeared in court. Quillfeather had 18,000 images.",
                  {"Barnaby", "Quillfeather"}});
}

TEST_CASE("a double-barrelled surname repeated alone is masked whole", "[extract][names]") {
    for (const Case& c : std::vector<Case>{
             {"Michael Fairweather-Quist was jailed for 15 years. Fairweather-Quist's devices held 9,000 images.",
              {"Fairweather", "Quist"}},
             {"Mr Desmond Okonkwo-Reyes pleaded guilty. Okonkwo-Reyes admitted possessing 2,300 files.",
              {"Okonkwo", "Reyes"}},
             {"Sarah Ashdown-Pryce was charged. Officers found 700 videos on a laptop Ashdown used.",
              {"Ashdown", "Pryce"}},
             // The second part is also a place in the gazetteer.
             {"Mr Kenneth Farraday-Kent was jailed. Farraday-Kent had 300 videos.", {"Farraday", "Kent"}},
         })
        check_masked(c);
    auto facts = facts_of("Michael Fairweather-Quist was jailed. Fairweather-Quist's devices held 9,000 images.");
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].evidence == "[name]'s devices held 9,000 images.");
}

TEST_CASE("a name in a headline written in capitals is masked", "[extract][names]") {
    for (const Case& c : std::vector<Case>{
             {"LEEDS MAN AMBROSE KITTLEWELL JAILED AFTER POLICE FIND 12,000 IMAGES\n\nHe was jailed for 3 years.",
              {"Ambrose", "Kittlewell"}},
             {"FRESNO TEACHER OSWALDO PRENTERGAST SENTENCED TO 15 YEARS IN PRISON\n\nThe case was brought by HSI.",
              {"Oswaldo", "Prentergast"}},
             {"QUEENSLAND POLICE CHARGE GOLD COAST MAN HARLAN VOSSBERG OVER 3,000 ABUSE FILES\n\nMore to come.",
              {"Harlan", "Vossberg"}},
             // Given names from the list, and a double-barrelled surname, in capitals too.
             {"FORMER SCOUT LEADER DAVID HOLLINGSHEAD-BRAY JAILED FOR 4 YEARS\n\nMore to come.",
              {"David", "Hollingshead", "Bray"}},
         })
        check_masked(c);
    auto facts = facts_of("LEEDS MAN AMBROSE KITTLEWELL JAILED AFTER POLICE FIND 12,000 IMAGES\n\nMore to come.");
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].evidence == "LEEDS MAN [name] JAILED AFTER POLICE FIND 12,000 IMAGES");
}

TEST_CASE("a surname learned in the body is masked in a capitals headline", "[extract][names]") {
    check_masked({"FORMER SCOUT LEADER KITTLEWELL HID 500 VIDEOS\n\nMr Ambrose Kittlewell, of Leeds, was arrested.",
                  {"Ambrose", "Kittlewell"}});
    // and a surname first seen in a capitals headline is masked in the body
    check_masked({"LEEDS MAN AMBROSE KITTLEWELL JAILED\n\nKittlewell had hidden 500 videos.", {"Ambrose", "Kittlewell"}});
}

TEST_CASE("capitals headlines keep places, forces, agencies and operations", "[extract][names]") {
    check_untouched("GREATER MANCHESTER POLICE ARREST 40 IN OPERATION KITTIWAKE\n\nMore to come.");
    check_untouched("WEST YORKSHIRE POLICE AND THE NCA ARREST 12 MEN\n\nMore to come.");
    check_untouched("HOMELAND SECURITY INVESTIGATIONS AGENTS ARREST 96 IN CALIFORNIA STING\n\nMore to come.");
    check_untouched("AFP AND QUEENSLAND POLICE ARREST 14 MEN IN OPERATION BAKIS\n\nMore to come.");
    check_untouched("OPERATION COPPER HERON: 96 ARRESTED IN STATEWIDE SWEEP\n\nMore to come.");
    check_untouched("DORSET POLICE EXECUTE 52 SEARCH WARRANTS IN A WEEK OF ACTION\n\nMore to come.");
    // Words that are titles in ordinary text ("Lead Investigator", "Federal Judge") are not
    // titles in capitals.
    check_untouched("THE LEAD DEFENDANT WAS SENTENCED TO 20 YEARS IN PRISON\n\nMore to come.");
    check_untouched("UNDER FEDERAL LAW, AGENTS ARRESTED 12 MEN\n\nMore to come.");
    // A headline in title case is not in capitals: nothing unknown in it is masked.
    check_untouched("Greater Manchester Police Arrest 40 in Operation Kittiwake\n\nMore to come.");
}

TEST_CASE("an age apposition rule leaves places and operations alone", "[extract][names]") {
    check_untouched("Officers from Greater Manchester (12) and West Yorkshire (9) arrested 21 people.");
    check_untouched("In Operation Kittiwake, 41 people were arrested.");
    check_untouched("Arrests were made in Greater Manchester, 23, and Thames Valley, 14, with 37 people arrested in all.");
    check_untouched("The 14-year-old Instagram account held 300 images.");
}

TEST_CASE("the new name rules change the evidence only", "[extract][names]") {
    for (const char* text : {
             "Barnaby Quillfeather, 47, of Dorchester, was jailed for 4 years. Quillfeather had 18,000 images.",
             "Michael Fairweather-Quist was jailed for 15 years. Fairweather-Quist was also jailed for 15 years.",
             "LEEDS MAN AMBROSE KITTLEWELL JAILED FOR 3 YEARS\n\nKittlewell was jailed for 3 years at Leeds Crown Court.",
         }) {
        INFO(text);
        auto masked = facts_of(text), kept = facts_of(text, true);
        REQUIRE(masked.size() == kept.size());
        for (std::size_t i = 0; i < kept.size(); ++i) {
            CHECK(masked[i].metric == kept[i].metric);
            CHECK(masked[i].value == kept[i].value);
            CHECK(masked[i].start == kept[i].start);
            CHECK(masked[i].end == kept[i].end);
        }
    }
}

// Towns are surnames too: the gazetteer names Hamilton, Preston, Lancaster and many more.
TEST_CASE("a surname that is also a place is masked after a given name or a title, and alone later",
          "[extract][names]") {
    for (const Case& c : std::vector<Case>{
             {"John Hamilton was jailed for 4 years. Hamilton had 2,000 images.", {"Hamilton"}},
             {"Mr Preston was one of 12 men arrested during the week.", {"Preston"}},
             {"Jordan Lancaster, of Hull, was jailed for 3 years.", {"Jordan", "Lancaster"}},
             {"Det Insp Sarah Salisbury said 14 people had been charged.", {"Sarah", "Salisbury"}},
         })
        check_masked(c);
    // The same words as places stay readable.
    check_untouched("Officers in Preston arrested 12 men, and Lancashire Police charged 4.");
    check_untouched("Hamilton Police arrested 9 people in a week of action.");
}

TEST_CASE("a name in a title-case headline is masked", "[extract][names]") {
    check_masked({"Bradford Teacher Ambrose Kittlewell Jailed After Police Find 12,000 Images\n\nMore to follow.",
                  {"Ambrose", "Kittlewell"}});
    // A title-case headline of places, forces and operation names names no one.
    check_untouched("Greater Manchester Police Arrest 12 In Operation Kittiwake Week Of Action\n\nMore to follow.");
    // An ordinary sentence with a full stop is not a headline.
    check_untouched("Kent Police Arrested 12 Men In Maidstone.");
}

TEST_CASE("the names of foreign police forces are no person's", "[extract][names]") {
    check_untouched("Spain's Guardia Civil said it had arrested 34 people.");
    check_untouched("The Polizia Postale arrested 17 people and searched 78 homes.");
    check_untouched("Brazil's Polícia Federal served 120 warrants in 14 states.");
}

TEST_CASE("a list line labelled with a person's name gives no scope", "[extract][names]") {
    auto facts = facts_of("Images found, by defendant:\n\nMr Darren Pike: 1,200 images\nDet Sgt Alys Morrow: 40 images\n");
    REQUIRE(facts.size() == 2);  // the figures are read; only their scope may not name anyone
    for (const Fact& f : facts) {
        CHECK(f.scope.find("Pike") == std::string::npos);
        CHECK(f.scope.find("Morrow") == std::string::npos);
    }
}

TEST_CASE("a name that begins with a capital outside ASCII is masked", "[extract][names]") {
    check_masked({"Émile Durand, 45, was jailed for six years after police found 3,000 images.", {"Émile", "Durand"}});
}
