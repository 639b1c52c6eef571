#include "jsonata/regex/regex.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "jsonata/regex/translate.h"

namespace stepwise::jsonata::regex {
namespace {

using std::literals::string_view_literals::operator""sv;

// A string as JSON.stringify writes it.
std::string Json(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// Every match of /pattern/flags in `subject`, written as the loop
//   while ((m = re.exec(s)) !== null) { out.push([m.index, ...m]); if (m[0] === '') re.lastIndex++;
//   }
// writes them with JSON.stringify in node, so that expectations are node's output verbatim
// (indexes in UTF-16 code units, unmatched groups null). A compile error gives its name.
std::string ExecAll(std::string_view pattern, std::string_view flags, std::string_view subject) {
  Result<Regex> regex = Regex::Compile(pattern, flags);
  if (!regex.ok()) return regex.error().name() + ": " + regex.error().message();
  Result<std::vector<Regex::Match>> matches = regex.value().FindAll(subject);
  if (!matches.ok()) return matches.error().name() + ": " + matches.error().message();
  std::string out = "[";
  for (const Regex::Match& m : matches.value()) {
    if (out.size() > 1) out += ',';
    out += '[' + std::to_string(Utf16Index(subject, m.begin)) + ',';
    out += Json(subject.substr(m.begin, m.end - m.begin));
    for (const auto& group : m.groups) {
      out += ',';
      out += group ? Json(subject.substr(group->first, group->second - group->first)) : "null";
    }
    out += ']';
  }
  return out + "]";
}

// The error /pattern/flags fails to compile with, as "name: message".
std::string CompileError(std::string_view pattern, std::string_view flags = "") {
  Result<Regex> regex = Regex::Compile(pattern, flags);
  if (regex.ok()) return "compiled";
  return regex.error().name() + ": " + regex.error().message();
}

// Expectations from here to the hand-written tests are node 20's output for the same input.

TEST(RegexTest, SuiteSplitContainsReplacePatterns) {
  EXPECT_EQ(ExecAll(R"re(b+)re", "", "ababbxabbcc"sv), R"js([[1,"b"],[3,"bb"],[7,"bb"]])js");
  EXPECT_EQ(ExecAll(R"re(d+)re", "", "ababbxabbcc"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re(ab+)re", "", "ababbxabbcc"sv), R"js([[0,"ab"],[2,"abb"],[6,"abb"]])js");
  EXPECT_EQ(ExecAll(R"re(ax+)re", "", "ababbxabbcc"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re(hat)re", "", "Trilby hat"sv), R"js([[7,"hat"]])js");
  EXPECT_EQ(ExecAll(R"re(hat)re", "i", "Bowler Hat"sv), R"js([[7,"Hat"]])js");
  EXPECT_EQ(ExecAll(R"re((\w+)\s(\w+))re", "", "John Smith"sv),
            R"js([[0,"John Smith","John","Smith"]])js");
  EXPECT_EQ(ExecAll(R"re(([0-9]+)USD)re", "", "265USD"sv), R"js([[0,"265USD","265"]])js");
  EXPECT_EQ(ExecAll(R"re((ab)|(a))re", "", "abcd"sv), R"js([[0,"ab","ab",null]])js");
  EXPECT_EQ(ExecAll(R"re(bra)re", "", "abracadabra"sv), R"js([[1,"bra"],[8,"bra"]])js");
  EXPECT_EQ(ExecAll(R"re(a.*a)re", "", "abracadabra"sv), R"js([[0,"abracadabra"]])js");
  EXPECT_EQ(ExecAll(R"re(a.*?a)re", "", "abracadabra"sv), R"js([[0,"abra"],[5,"ada"]])js");
  EXPECT_EQ(ExecAll(R"re(a)re", "", "abracadabra"sv),
            R"js([[0,"a"],[3,"a"],[5,"a"],[7,"a"],[10,"a"]])js");
  EXPECT_EQ(ExecAll(R"re(a(.))re", "", "abracadabra"sv),
            R"js([[0,"ab","b"],[3,"ac","c"],[5,"ad","d"],[7,"ab","b"]])js");
  EXPECT_EQ(ExecAll(R"re(.*?)re", "", "abra"sv), R"js([[0,""],[1,""],[2,""],[3,""],[4,""]])js");
  EXPECT_EQ(ExecAll(R"re(A+)re", "", "AAAA"sv), R"js([[0,"AAAA"]])js");
  EXPECT_EQ(ExecAll(R"re(A+?)re", "", "AAAA"sv), R"js([[0,"A"],[1,"A"],[2,"A"],[3,"A"]])js");
  EXPECT_EQ(ExecAll(R"re(^(.*?)d(.*)$)re", "", "darted"sv), R"js([[0,"darted","","arted"]])js");
  EXPECT_EQ(ExecAll(R"re((a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m))re", "", "abcdefghijklmno"sv),
            R"js([[0,"abcdefghijklm","a","b","c","d","e","f","g","h","i","j","k","l","m"]])js");
  EXPECT_EQ(ExecAll(R"re(xyz)re", "", "abcdefghijklmno"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re(ijk)re", "", "abcdefghijklmno"sv), R"js([[8,"ijk"]])js");
  EXPECT_EQ(ExecAll(R"re((ijk))re", "", "abcdefghijklmno"sv), R"js([[8,"ijk","ijk"]])js");
  EXPECT_EQ(ExecAll(R"re((h)(at))re", "i", "Bowler Hat"sv), R"js([[7,"Hat","H","at"]])js");
  EXPECT_EQ(ExecAll(R"re((-?\d+(?:\.\d*)?)F\b)re", "", "temperature = 68F today"sv),
            R"js([[14,"68F","68"]])js");
  EXPECT_EQ(ExecAll(R"re((-?\d+(?:\.\d*)?)F\b)re", "", "from -3.5F to 68Fahrenheit"sv),
            R"js([[5,"-3.5F","-3.5"]])js");
  EXPECT_EQ(ExecAll(R"re(^(\w*\s\w*))re", "", "Felicia Saunders\012Senior"sv),
            R"js([[0,"Felicia Saunders","Felicia Saunders"]])js");
  EXPECT_EQ(ExecAll(R"re(^A)re", "", "Account"sv), R"js([[0,"A"]])js");
  EXPECT_EQ(ExecAll(R"re(^A)re", "", "Bank"sv), R"js([])js");
}

TEST(RegexTest, AnchorsWithoutMultiline) {
  EXPECT_EQ(ExecAll(R"re(^)re", "", "a\012b"sv), R"js([[0,""]])js");
  EXPECT_EQ(ExecAll(R"re($)re", "", "a\012b\012"sv), R"js([[4,""]])js");
  EXPECT_EQ(ExecAll(R"re(^b)re", "", "a\012b"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re(a$)re", "", "a\012"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re(^a|b$)re", "", "ab"sv), R"js([[0,"a"],[1,"b"]])js");
}

TEST(RegexTest, AnchorsWithMultiline) {
  EXPECT_EQ(ExecAll(R"re(^)re", "m", "a\015\012b\342\200\250c\342\200\251d\012e"sv),
            R"js([[0,""],[2,""],[3,""],[5,""],[7,""],[9,""]])js");
  EXPECT_EQ(ExecAll(R"re($)re", "m", "a\015\012b\342\200\250c\342\200\251d\012e"sv),
            R"js([[1,""],[2,""],[4,""],[6,""],[8,""],[10,""]])js");
  EXPECT_EQ(ExecAll(R"re(^\w+$)re", "m", "one\012two\015three\302\205four"sv),
            R"js([[0,"one"],[4,"two"]])js");
  EXPECT_EQ(ExecAll(R"re(^$)re", "m", "\012\012"sv), R"js([[0,""],[1,""],[2,""]])js");
}

TEST(RegexTest, DotExcludesLineTerminators) {
  EXPECT_EQ(ExecAll(R"re(.)re", "", "a\012\015\342\200\250\342\200\251\302\205\011é"sv),
            R"js([[0,"a"],[5,""],[6,"\t"],[7,"é"]])js");
  EXPECT_EQ(ExecAll(R"re(a.b)re", "", "a\012b a\015b a\342\200\250b a b"sv), R"js([[12,"a b"]])js");
}

TEST(RegexTest, DigitWordAndBoundaryAreAscii) {
  EXPECT_EQ(ExecAll(R"re(\d+)re", "", "12٣４"sv), R"js([[0,"12"]])js");
  EXPECT_EQ(ExecAll(R"re(\w+)re", "", "café_x9 ß"sv), R"js([[0,"caf"],[4,"_x9"]])js");
  EXPECT_EQ(ExecAll(R"re(\W)re", "", "aé-"sv), R"js([[1,"é"],[2,"-"]])js");
  EXPECT_EQ(ExecAll(R"re(\b\w)re", "", "café naïve"sv), R"js([[0,"c"],[5,"n"],[8,"v"]])js");
  EXPECT_EQ(ExecAll(R"re(\B.)re", "", "ab é"sv), R"js([[1,"b"],[3,"é"]])js");
  EXPECT_EQ(ExecAll(R"re(\D)re", "", "1٣"sv), R"js([[1,"٣"]])js");
}

TEST(RegexTest, WhitespaceIsJavaScriptsSet) {
  EXPECT_EQ(
      ExecAll(
          R"re(\s)re", "",
          "\011\012\013\014\015 \302\240\341\232\200\342\200\200\342\200\212\342\200\250\342\200\251\342\200\257\342\201\237\343\200\200\357\273\277"sv),
      R"js([[0,"\t"],[1,"\n"],[2,"\u000b"],[3,"\f"],[4,"\r"],[5," "],[6," "],[7," "],[8," "],[9," "],[10," "],[11," "],[12," "],[13," "],[14,"　"],[15,"﻿"]])js");
  EXPECT_EQ(ExecAll(R"re(\s)re", "", "\302\205\341\240\216\342\200\213\342\201\240x"sv),
            R"js([])js");
  EXPECT_EQ(ExecAll(R"re(\S+)re", "", "a\302\240b\343\200\200c\302\205d"sv),
            R"js([[0,"a"],[2,"b"],[4,"cd"]])js");
  EXPECT_EQ(ExecAll(R"re([\s])re", "", "a \343\200\200\302\240b"sv),
            R"js([[1," "],[2,"　"],[3," "]])js");
  EXPECT_EQ(ExecAll(R"re([^\s])re", "", "a \343\200\200b"sv), R"js([[0,"a"],[3,"b"]])js");
  EXPECT_EQ(ExecAll(R"re([\S])re", "", " a\342\200\250é"sv), R"js([[1,"a"],[3,"é"]])js");
  EXPECT_EQ(ExecAll(R"re([\S\s])re", "", "a \012"sv), R"js([[0,"a"],[1," "],[2,"\n"]])js");
}

TEST(RegexTest, CharacterEscapes) {
  EXPECT_EQ(ExecAll(R"re(\u0041\x42\u00e9)re", "", "ABCéABé"sv), R"js([[4,"ABé"]])js");
  EXPECT_EQ(ExecAll(R"re(\/)re", "", "a/b"sv), R"js([[1,"/"]])js");
  EXPECT_EQ(ExecAll(R"re(\t\n\v\f\r)re", "", "\011\012\013\014\015"sv),
            R"js([[0,"\t\n\u000b\f\r"]])js");
  EXPECT_EQ(ExecAll(R"re(\x4)re", "", "x4"sv), R"js([[0,"x4"]])js");
  EXPECT_EQ(ExecAll(R"re(\u004)re", "", "u004"sv), R"js([[0,"u004"]])js");
  EXPECT_EQ(ExecAll(R"re(\u{2})re", "", "uuu"sv), R"js([[0,"uu"]])js");
  EXPECT_EQ(ExecAll(R"re(\p{L})re", "", "p{L}"sv), R"js([[0,"p{L}"]])js");
  EXPECT_EQ(ExecAll(R"re(\cA\cz)re", "", "\001\032"sv), R"js([[0,"\u0001\u001a"]])js");
  EXPECT_EQ(ExecAll(R"re(\c)re", "", "a\\c"sv), R"js([[1,"\\c"]])js");
  EXPECT_EQ(ExecAll(R"re(\c1)re", "", "\\c1"sv), R"js([[0,"\\c1"]])js");
  EXPECT_EQ(ExecAll(R"re(\0)re", "", "a\000"sv), R"js([[1,"\u0000"]])js");
  EXPECT_EQ(ExecAll(R"re(\08)re", "", "\0008"sv), R"js([[0,"\u00008"]])js");
  EXPECT_EQ(ExecAll(R"re(\012)re", "", "\012"sv), R"js([[0,"\n"]])js");
  EXPECT_EQ(ExecAll(R"re(\01a)re", "", "\001a"sv), R"js([[0,"\u0001a"]])js");
  EXPECT_EQ(ExecAll(R"re(\400)re", "", " 0"sv), R"js([[0," 0"]])js");
  EXPECT_EQ(ExecAll(R"re(\777)re", "", "?7"sv), R"js([[0,"?7"]])js");
  EXPECT_EQ(ExecAll(R"re(\8\9)re", "", "89"sv), R"js([[0,"89"]])js");
  EXPECT_EQ(ExecAll(R"re(\A\z\e)re", "", "Aze"sv), R"js([[0,"Aze"]])js");
  EXPECT_EQ(ExecAll(R"re(\-\]\{\})re", "", "-]{}"sv), R"js([[0,"-]{}"]])js");
  EXPECT_EQ(ExecAll(R"re(\k)re", "", "k"sv), R"js([[0,"k"]])js");
  EXPECT_EQ(ExecAll(R"re(\uD83D\uDCA9)re", "", "a💩"sv), R"js([[1,"💩"]])js");
}

TEST(RegexTest, IdentityEscapesInClasses) {
  EXPECT_EQ(ExecAll(R"re([\b])re", "", "a\010"sv), R"js([[1,"\b"]])js");
  EXPECT_EQ(ExecAll(R"re([\B])re", "", "aB"sv), R"js([[1,"B"]])js");
  EXPECT_EQ(ExecAll(R"re([\c1\c_])re", "", "\021\037"sv), R"js([[0,"\u0011"],[1,"\u001f"]])js");
  EXPECT_EQ(ExecAll(R"re([\c])re", "", "\\c"sv), R"js([[0,"\\"],[1,"c"]])js");
  EXPECT_EQ(ExecAll(R"re([\c*])re", "", "\\*c"sv), R"js([[0,"\\"],[1,"*"],[2,"c"]])js");
  EXPECT_EQ(ExecAll(R"re([\k\-])re", "", "k-"sv), R"js([[0,"k"],[1,"-"]])js");
  EXPECT_EQ(ExecAll(R"re([\1\8])re", "", "\0018"sv), R"js([[0,"\u0001"],[1,"8"]])js");
  EXPECT_EQ(ExecAll(R"re([\x41-\x43])re", "", "ABCD"sv), R"js([[0,"A"],[1,"B"],[2,"C"]])js");
  EXPECT_EQ(ExecAll(R"re([\u00e0-\u00ff])re", "", "éa"sv), R"js([[0,"é"]])js");
}

TEST(RegexTest, EmptyAndFullClasses) {
  EXPECT_EQ(ExecAll(R"re([])re", "", "a"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re(a[])re", "", "a"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re([]])re", "", "]"sv), R"js([])js");
  EXPECT_EQ(ExecAll(R"re([^])re", "", "a\012\342\200\250"sv), R"js([[0,"a"],[1,"\n"],[2," "]])js");
  EXPECT_EQ(ExecAll(R"re([]*)re", "", "ab"sv), R"js([[0,""],[1,""],[2,""]])js");
}

TEST(RegexTest, ClassRanges) {
  EXPECT_EQ(ExecAll(R"re([\d-z])re", "", "-z5a"sv), R"js([[0,"-"],[1,"z"],[2,"5"]])js");
  EXPECT_EQ(ExecAll(R"re([a-\d])re", "", "-a5b"sv), R"js([[0,"-"],[1,"a"],[2,"5"]])js");
  EXPECT_EQ(ExecAll(R"re([a-])re", "", "a-"sv), R"js([[0,"a"],[1,"-"]])js");
  EXPECT_EQ(ExecAll(R"re([--0])re", "", "/-0"sv), R"js([[0,"/"],[1,"-"],[2,"0"]])js");
  EXPECT_EQ(ExecAll(R"re([a-b-c])re", "", "-cb"sv), R"js([[0,"-"],[1,"c"],[2,"b"]])js");
  EXPECT_EQ(ExecAll(R"re([\w-])re", "", "a-"sv), R"js([[0,"a"],[1,"-"]])js");
  EXPECT_EQ(ExecAll(R"re([\s-a])re", "", "-a "sv), R"js([[0,"-"],[1,"a"],[2," "]])js");
  EXPECT_EQ(ExecAll(R"re([^a])re", "", "a\012b"sv), R"js([[1,"\n"],[2,"b"]])js");
  EXPECT_EQ(
      ExecAll(R"re([.*+?^$\{}()|[\]\/])re", "", ".*+?^${}()|[]/"sv),
      R"js([[0,"."],[1,"*"],[2,"+"],[3,"?"],[4,"^"],[5,"$"],[6,"{"],[7,"}"],[8,"("],[9,")"],[10,"|"],[11,"["],[12,"]"],[13,"/"]])js");
}

TEST(RegexTest, Backreferences) {
  EXPECT_EQ(ExecAll(R"re((a)\1)re", "", "aa"sv), R"js([[0,"aa","a"]])js");
  EXPECT_EQ(ExecAll(R"re(\1(a))re", "", "a"sv), R"js([[0,"a","a"]])js");
  EXPECT_EQ(ExecAll(R"re((a)|\1b)re", "", "b"sv), R"js([[0,"b",null]])js");
  EXPECT_EQ(ExecAll(R"re((?:(a)|b)\1)re", "", "b"sv), R"js([[0,"b",null]])js");
  EXPECT_EQ(ExecAll(R"re((a)\2)re", "", "a\002"sv), R"js([[0,"a\u0002","a"]])js");
  EXPECT_EQ(ExecAll(R"re((a)\10)re", "", "a\010"sv), R"js([[0,"a\b","a"]])js");
  EXPECT_EQ(ExecAll(R"re((a)\11)re", "", "a\011"sv), R"js([[0,"a\t","a"]])js");
  EXPECT_EQ(ExecAll(R"re((a)\19)re", "", "a\0019"sv), R"js([[0,"a\u00019","a"]])js");
  EXPECT_EQ(ExecAll(R"re((a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10)re", "", "abcdefghijj"sv),
            R"js([[0,"abcdefghijj","a","b","c","d","e","f","g","h","i","j"]])js");
  EXPECT_EQ(ExecAll(R"re((a)\1)re", "i", "aA"sv), R"js([[0,"aA","a"]])js");
  EXPECT_EQ(ExecAll(R"re((a\1))re", "", "aa"sv), R"js([[0,"a","a"],[1,"a","a"]])js");
}

TEST(RegexTest, NamedGroups) {
  EXPECT_EQ(ExecAll(R"re((?<year>\d{4})-(?<month>\d\d))re", "", "on 2024-05"sv),
            R"js([[3,"2024-05","2024","05"]])js");
  EXPECT_EQ(ExecAll(R"re((?<n>a)\k<n>)re", "", "aa"sv), R"js([[0,"aa","a"]])js");
  EXPECT_EQ(ExecAll(R"re(\k<a>(?<a>x))re", "", "x"sv), R"js([[0,"x","x"]])js");
  EXPECT_EQ(ExecAll(R"re((?<$a1>x)(?<_>y))re", "", "xy"sv), R"js([[0,"xy","x","y"]])js");
  EXPECT_EQ(ExecAll(R"re((?<é>x))re", "", "x"sv), R"js([[0,"x","x"]])js");
  EXPECT_EQ(ExecAll(R"re((?<a>x)|(?<b>y))re", "", "y"sv), R"js([[0,"y",null,"y"]])js");
  EXPECT_EQ(ExecAll(R"re((?<n>a)(?:\k<n>)+)re", "", "aaa"sv), R"js([[0,"aaa","a"]])js");
}

TEST(RegexTest, Lookaround) {
  EXPECT_EQ(ExecAll(R"re(a(?=b))re", "", "ab ac"sv), R"js([[0,"a"]])js");
  EXPECT_EQ(ExecAll(R"re(a(?!b))re", "", "ab ac"sv), R"js([[3,"a"]])js");
  EXPECT_EQ(ExecAll(R"re((?<=\$)\d+)re", "", "cost $42 or 7"sv), R"js([[6,"42"]])js");
  EXPECT_EQ(ExecAll(R"re((?<!\$)\b\d+)re", "", "cost $42 or 7"sv), R"js([[12,"7"]])js");
  EXPECT_EQ(ExecAll(R"re((?<=(a)|b)c)re", "", "ac bc"sv), R"js([[1,"c","a"],[4,"c",null]])js");
  EXPECT_EQ(ExecAll(R"re((?=a)*a)re", "", "a"sv), R"js([[0,"a"]])js");
  EXPECT_EQ(ExecAll(R"re((?!a){2}b)re", "", "b"sv), R"js([[0,"b"]])js");
  EXPECT_EQ(ExecAll(R"re((?<=^|,)\w)re", "", "a,b c"sv), R"js([[0,"a"],[2,"b"]])js");
}

TEST(RegexTest, CaseInsensitive) {
  EXPECT_EQ(ExecAll(R"re([a-z]+)re", "i", "ABC def"sv), R"js([[0,"ABC"],[4,"def"]])js");
  EXPECT_EQ(ExecAll(R"re(\u00e9)re", "i", "É"sv), R"js([[0,"É"]])js");
  EXPECT_EQ(ExecAll(R"re(\u03c3)re", "i", "Σς"sv), R"js([[0,"Σ"],[1,"ς"]])js");
  EXPECT_EQ(ExecAll(R"re(k)re", "i", "kKK"sv), R"js([[0,"k"],[1,"K"]])js");
  EXPECT_EQ(ExecAll(R"re(s)re", "i", "sSſ"sv), R"js([[0,"s"],[1,"S"]])js");
  EXPECT_EQ(ExecAll(R"re(\u212a)re", "i", "kKK"sv), R"js([[2,"K"]])js");
  EXPECT_EQ(ExecAll(R"re(\u017f)re", "i", "sSſ"sv), R"js([[2,"ſ"]])js");
  EXPECT_EQ(ExecAll(R"re([a-z])re", "i", "KKſ"sv), R"js([[0,"K"]])js");
  EXPECT_EQ(ExecAll(R"re([^k])re", "i", "kKK"sv), R"js([[2,"K"]])js");
  EXPECT_EQ(ExecAll(R"re([^a])re", "i", "aAK"sv), R"js([[2,"K"]])js");
  EXPECT_EQ(ExecAll(R"re([\u212a])re", "i", "kKK"sv), R"js([[2,"K"]])js");
  EXPECT_EQ(ExecAll(R"re([\W])re", "i", "kK"sv), R"js([[1,"K"]])js");
  EXPECT_EQ(ExecAll(R"re([^\W])re", "i", "kK"sv), R"js([[0,"k"]])js");
  EXPECT_EQ(ExecAll(R"re([k\u212a])re", "i", "kKK"sv), R"js([[0,"k"],[1,"K"],[2,"K"]])js");
  EXPECT_EQ(ExecAll(R"re(\w)re", "i", "ſK"sv), R"js([])js");
}

TEST(RegexTest, Quantifiers) {
  EXPECT_EQ(ExecAll(R"re(a{2})re", "", "aaaaa"sv), R"js([[0,"aa"],[2,"aa"]])js");
  EXPECT_EQ(ExecAll(R"re(a{2,})re", "", "aaaaa"sv), R"js([[0,"aaaaa"]])js");
  EXPECT_EQ(ExecAll(R"re(a{1,3}?)re", "", "aaaa"sv), R"js([[0,"a"],[1,"a"],[2,"a"],[3,"a"]])js");
  EXPECT_EQ(ExecAll(R"re(a{)re", "", "a{"sv), R"js([[0,"a{"]])js");
  EXPECT_EQ(ExecAll(R"re(a{,5})re", "", "a{,5}"sv), R"js([[0,"a{,5}"]])js");
  EXPECT_EQ(ExecAll(R"re({)re", "", "{"sv), R"js([[0,"{"]])js");
  EXPECT_EQ(ExecAll(R"re(})re", "", "]}"sv), R"js([[1,"}"]])js");
  EXPECT_EQ(ExecAll(R"re(])re", "", "]"sv), R"js([[0,"]"]])js");
  EXPECT_EQ(ExecAll(R"re(x{3}?)re", "", "xxx"sv), R"js([[0,"xxx"]])js");
  EXPECT_EQ(ExecAll(R"re(a{1}?)re", "", "a"sv), R"js([[0,"a"]])js");
  EXPECT_EQ(ExecAll(R"re((?:ab)+?)re", "", "abab"sv), R"js([[0,"ab"],[2,"ab"]])js");
  EXPECT_EQ(ExecAll(R"re(a{1,99999999999999999999})re", "", "xaa"sv), R"js([[1,"aa"]])js");
  EXPECT_EQ(ExecAll(R"re(a{2,70000})re", "", "aaa"sv), R"js([[0,"aaa"]])js");
}

TEST(RegexTest, EmptyMatchesAdvanceOneCharacter) {
  EXPECT_EQ(ExecAll(R"re((?:))re", "", "ab"sv), R"js([[0,""],[1,""],[2,""]])js");
  EXPECT_EQ(ExecAll(R"re(a|)re", "", "ab"sv), R"js([[0,"a"],[1,""],[2,""]])js");
  EXPECT_EQ(ExecAll(R"re(a*?)re", "", "aab"sv), R"js([[0,""],[1,""],[2,""],[3,""]])js");
  EXPECT_EQ(ExecAll(R"re(a*)re", "", "baaac"sv), R"js([[0,""],[1,"aaa"],[4,""],[5,""]])js");
  EXPECT_EQ(ExecAll(R"re(\b)re", "", "ab cd"sv), R"js([[0,""],[2,""],[3,""],[5,""]])js");
  EXPECT_EQ(ExecAll(R"re(x*)re", "", "éa"sv), R"js([[0,""],[1,""],[2,""]])js");
}

TEST(RegexTest, Alternation) {
  EXPECT_EQ(ExecAll(R"re(a|ab)re", "", "ab"sv), R"js([[0,"a"]])js");
  EXPECT_EQ(ExecAll(R"re(|a)re", "", "a"sv), R"js([[0,""],[1,""]])js");
}

TEST(RegexTest, NonAsciiLiterals) {
  EXPECT_EQ(ExecAll(R"re(é+)re", "", "ééx"sv), R"js([[0,"éé"]])js");
  EXPECT_EQ(ExecAll(R"re([éè])re", "", "eéè"sv), R"js([[1,"é"],[2,"è"]])js");
  EXPECT_EQ(ExecAll(R"re((日本)語)re", "", "これは日本語"sv), R"js([[3,"日本語","日本"]])js");
}

TEST(RegexTest, RejectsWhatJavaScriptRejects) {
  EXPECT_EQ(CompileError("a++"),
            "RegexSyntax: Invalid regular expression: /a++/: Nothing to repeat");
  EXPECT_EQ(CompileError("a{1}+"),
            "RegexSyntax: Invalid regular expression: /a{1}+/: Nothing to repeat");
  EXPECT_EQ(CompileError("a*+"),
            "RegexSyntax: Invalid regular expression: /a*+/: Nothing to repeat");
  EXPECT_EQ(CompileError("(?>a)"),
            "RegexSyntax: Invalid regular expression: /(?>a)/: Invalid group");
  EXPECT_EQ(CompileError("(?i)a"),
            "RegexSyntax: Invalid regular expression: /(?i)a/: Invalid group");
  EXPECT_EQ(CompileError("(?i:a)"),
            "RegexSyntax: Invalid regular expression: /(?i:a)/: Invalid group");
  EXPECT_EQ(CompileError("(?P<n>a)"),
            "RegexSyntax: Invalid regular expression: /(?P<n>a)/: Invalid group");
  EXPECT_EQ(CompileError("(?#c)"),
            "RegexSyntax: Invalid regular expression: /(?#c)/: Invalid group");
  EXPECT_EQ(CompileError("(?|a)"),
            "RegexSyntax: Invalid regular expression: /(?|a)/: Invalid group");
  EXPECT_EQ(CompileError("a**"),
            "RegexSyntax: Invalid regular expression: /a**/: Nothing to repeat");
  EXPECT_EQ(CompileError("x{1,2}{3}"),
            "RegexSyntax: Invalid regular expression: /x{1,2}{3}/: Nothing to repeat");
  EXPECT_EQ(CompileError("{1}"),
            "RegexSyntax: Invalid regular expression: /{1}/: Nothing to repeat");
  EXPECT_EQ(CompileError("*a"), "RegexSyntax: Invalid regular expression: /*a/: Nothing to repeat");
  EXPECT_EQ(CompileError("a|?"),
            "RegexSyntax: Invalid regular expression: /a|?/: Nothing to repeat");
  EXPECT_EQ(CompileError("^*"), "RegexSyntax: Invalid regular expression: /^*/: Nothing to repeat");
  EXPECT_EQ(CompileError("$+", "m"),
            "RegexSyntax: Invalid regular expression: /$+/m: Nothing to repeat");
  EXPECT_EQ(CompileError("\\b+"),
            "RegexSyntax: Invalid regular expression: /\\b+/: Nothing to repeat");
  EXPECT_EQ(CompileError("(?<=a)*"),
            "RegexSyntax: Invalid regular expression: /(?<=a)*/: Invalid quantifier");
  EXPECT_EQ(
      CompileError("a{2,1}"),
      "RegexSyntax: Invalid regular expression: /a{2,1}/: numbers out of order in {} quantifier");
  EXPECT_EQ(
      CompileError("[z-a]"),
      "RegexSyntax: Invalid regular expression: /[z-a]/: Range out of order in character class");
  EXPECT_EQ(CompileError("\\"),
            "RegexSyntax: Invalid regular expression: /\\/: \\ at end of pattern");
  EXPECT_EQ(CompileError("[\\"),
            "RegexSyntax: Invalid regular expression: /[\\/: \\ at end of pattern");
  EXPECT_EQ(CompileError("(a"),
            "RegexSyntax: Invalid regular expression: /(a/: Unterminated group");
  EXPECT_EQ(CompileError("a)"), "RegexSyntax: Invalid regular expression: /a)/: Unmatched ')'");
  EXPECT_EQ(CompileError("[a"),
            "RegexSyntax: Invalid regular expression: /[a/: Unterminated character class");
}

TEST(RegexTest, RejectsBadGroupNamesAndReferences) {
  EXPECT_EQ(
      CompileError("(?<a>x)(?<a>y)"),
      "RegexSyntax: Invalid regular expression: /(?<a>x)(?<a>y)/: Duplicate capture group name");
  EXPECT_EQ(CompileError("(?<>a)"),
            "RegexSyntax: Invalid regular expression: /(?<>a)/: Invalid capture group name");
  EXPECT_EQ(CompileError("(?<1a>a)"),
            "RegexSyntax: Invalid regular expression: /(?<1a>a)/: Invalid capture group name");
  EXPECT_EQ(CompileError("(?<a"),
            "RegexSyntax: Invalid regular expression: /(?<a/: Invalid capture group name");
  EXPECT_EQ(CompileError("(?<n>a)\\k"),
            "RegexSyntax: Invalid regular expression: /(?<n>a)\\k/: Invalid named reference");
  EXPECT_EQ(
      CompileError("(?<n>a)\\k<m>"),
      "RegexSyntax: Invalid regular expression: /(?<n>a)\\k<m>/: Invalid named capture referenced");
  EXPECT_EQ(CompileError("(?<n>a)[\\k]"),
            "RegexSyntax: Invalid regular expression: /(?<n>a)[\\k]/: Invalid escape");
}

TEST(RegexTest, AcceptsOnlyTheFlagsIAndMOnceEach) {
  EXPECT_EQ(CompileError("a", "im"), "compiled");
  EXPECT_EQ(CompileError("a", "mi"), "compiled");
  EXPECT_EQ(CompileError("a", "ii"),
            "RegexSyntax: Invalid flags supplied to RegExp constructor 'ii'");
  EXPECT_EQ(CompileError("a", "g"),
            "RegexSyntax: Invalid flags supplied to RegExp constructor 'g'");
  EXPECT_EQ(CompileError("a", "s"),
            "RegexSyntax: Invalid flags supplied to RegExp constructor 's'");
}

TEST(RegexTest, ReportsWhatPcre2CannotExpress) {
  // JavaScript allows lookbehind of any length; PCRE2 10.42 wants each alternative fixed.
  EXPECT_EQ(CompileError("(?<=a+)b"),
            "RegexUnsupported: Invalid regular expression: /(?<=a+)b/: lookbehind assertion is "
            "not fixed length");
  EXPECT_EQ(ExecAll("(?<=ab|c)d", "", "abd cd"), R"js([[2,"d"],[5,"d"]])js");
  EXPECT_EQ(CompileError("a{70000}"),
            "RegexUnsupported: Invalid regular expression: /a{70000}/: quantifier bounds above "
            "65535 are not supported");
  EXPECT_EQ(CompileError("a{65535}"), "compiled");
  // A larger upper bound is read as no bound, which differs only on subjects with more than
  // 65535 repetitions to offer.
  EXPECT_EQ(CompileError("a{1,65536}"), "compiled");
}

TEST(RegexTest, RefusesNestingDeeperThanTheLimit) {
  std::string deep = std::string(kMaxNesting, '(') + "a" + std::string(kMaxNesting, ')');
  EXPECT_EQ(CompileError(deep), "compiled");
  std::string deeper = "(" + deep + ")";
  EXPECT_EQ(CompileError(deeper).rfind("RegexLimit: ", 0), 0u) << CompileError(deeper);
}

TEST(RegexTest, CatastrophicBacktrackingIsALimitError) {
  Regex regex = Regex::Compile("^(a+)+$", "").release_value();
  Result<std::optional<Regex::Match>> result = regex.Find(std::string(40, 'a') + "!");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name(), "RegexLimit");
  EXPECT_EQ(result.error().message(), "Regular expression /^(a+)+$/: match limit exceeded");
  // The same regex still works on input it can handle.
  EXPECT_EQ(ExecAll("^(a+)+$", "", "aaa"), R"js([[0,"aaa","aaa"]])js");
}

TEST(RegexTest, FindStartsAtAnOffsetButSeesTheTextBefore) {
  Regex regex = Regex::Compile("(?<=a)b|\\bc|^d", "").release_value();
  std::optional<Regex::Match> m = regex.Find("abxb", 1).release_value();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 1u);
  m = regex.Find("abxb", 2).release_value();
  EXPECT_FALSE(m.has_value());
  m = regex.Find("xc", 1).release_value();
  EXPECT_FALSE(m.has_value());  // no word boundary between x and c
  m = regex.Find("dd", 1).release_value();
  EXPECT_FALSE(m.has_value());  // ^ is the start of the subject, not of the search
  EXPECT_FALSE(regex.Find("ab", 3).release_value().has_value());
}

TEST(RegexTest, MultilineCaretMatchesAfterAnyLineTerminatorFromAnOffset) {
  Regex regex = Regex::Compile("^x", "m").release_value();
  std::optional<Regex::Match> m = regex.Find("ax\rx", 1).release_value();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 3u);
}

TEST(RegexTest, GroupsAreByteRanges) {
  Regex regex = Regex::Compile("(é)(x)?(ü)", "").release_value();
  EXPECT_EQ(regex.group_count(), 3u);
  EXPECT_EQ(regex.pattern(), "(é)(x)?(ü)");
  std::optional<Regex::Match> m = regex.Find("aéü").release_value();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 1u);
  EXPECT_EQ(m->end, 5u);
  ASSERT_EQ(m->groups.size(), 3u);
  EXPECT_EQ(m->groups[0], std::make_pair(size_t{1}, size_t{3}));
  EXPECT_FALSE(m->groups[1].has_value());
  EXPECT_EQ(m->groups[2], std::make_pair(size_t{3}, size_t{5}));
}

TEST(RegexTest, FindAllStopsAtTheRequestedCount) {
  Regex regex = Regex::Compile("b+", "").release_value();
  std::vector<Regex::Match> matches = regex.FindAll("ababbxabbcc", 2).release_value();
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[1].begin, 3u);
  EXPECT_TRUE(regex.FindAll("ababbxabbcc", 0).release_value().empty());
}

// Characters above U+FFFF are one character here and two code units in JavaScript; only patterns
// that would split one differ (see README.md).
TEST(RegexTest, AstralCharactersAreOneCharacter) {
  EXPECT_EQ(ExecAll("💩", "", "a💩b💩"), R"js([[1,"💩"],[4,"💩"]])js");
  EXPECT_EQ(ExecAll("\\uD83D\\uDCA9", "", "a💩"), R"js([[1,"💩"]])js");
  // Node: [[0,""],[1,""],[2,""],[3,""]], with an empty match between the surrogates.
  EXPECT_EQ(ExecAll("x*", "", "💩a"), R"js([[0,""],[2,""],[3,""]])js");
  // Node: [], as . matches one surrogate.
  EXPECT_EQ(ExecAll("^.$", "", "💩"), R"js([[0,"💩"]])js");
  // Node: matches nothing in a well-formed string.
  EXPECT_EQ(ExecAll("\\uD83D", "", "💩"), "[]");
}

TEST(RegexTest, InvalidUtf8MatchesNothing) {
  Regex regex = Regex::Compile("[^]+", "").release_value();
  std::vector<Regex::Match> matches = regex
                                          .FindAll(
                                              "ab\xC3"
                                              "cd\xFF")
                                          .release_value();
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].begin, 0u);
  EXPECT_EQ(matches[0].end, 2u);
  EXPECT_EQ(matches[1].begin, 3u);
  EXPECT_EQ(matches[1].end, 5u);
}

// JavaScript's RepeatMatcher clears a quantified group's captures at the start of each iteration
// and rejects an empty iteration beyond the minimum; PCRE2 keeps captures from earlier
// iterations and accepts one empty iteration. Only captures inside repeated groups show it.
TEST(RegexTest, CapturesInRepeatedGroupsFollowPcre2) {
  // Node: [[0,"ab",null]]
  EXPECT_EQ(ExecAll("(?:(a)|b)+", "", "ab"), R"js([[0,"ab","a"]])js");
  // Node: [[0,"aa","a"],[2,"",""]]
  EXPECT_EQ(ExecAll("(a|)+", "", "aa"), R"js([[0,"aa",""],[2,"",""]])js");
  // Node: [[0,"",null],[1,"",null]]
  EXPECT_EQ(ExecAll("(a?)*", "", "b"), R"js([[0,"",""],[1,"",""]])js");
}

TEST(RegexTest, RejectsAPatternThatIsNotUtf8) {
  EXPECT_EQ(CompileError("a\xFF"),
            "RegexSyntax: Invalid regular expression: /a\xFF/: Invalid UTF-8");
}

TEST(RegexTest, Utf16IndexCountsSurrogatePairsAsTwo) {
  std::string_view s = "aé日💩b";  // bytes: 1, 2, 3, 4, 1
  EXPECT_EQ(Utf16Index(s, 0), 0u);
  EXPECT_EQ(Utf16Index(s, 1), 1u);
  EXPECT_EQ(Utf16Index(s, 3), 2u);
  EXPECT_EQ(Utf16Index(s, 6), 3u);
  EXPECT_EQ(Utf16Index(s, 10), 5u);
  EXPECT_EQ(Utf16Index(s, 11), 6u);
}

TEST(RegexTest, ByteOffsetInvertsUtf16Index) {
  std::string_view s = "aé日💩b";
  EXPECT_EQ(ByteOffset(s, 0), 0u);
  EXPECT_EQ(ByteOffset(s, 2), 3u);
  EXPECT_EQ(ByteOffset(s, 3), 6u);
  EXPECT_EQ(ByteOffset(s, 4), 10u);  // between the surrogates: after the character
  EXPECT_EQ(ByteOffset(s, 5), 10u);
  EXPECT_EQ(ByteOffset(s, 6), 11u);
  EXPECT_EQ(ByteOffset(s, 99), 11u);
}

TEST(RegexTest, OneRegexMatchesOnManyThreads) {
  Regex regex = Regex::Compile("(\\w+)@(\\w+)\\.com", "i").release_value();
  std::string subject;
  for (int i = 0; i < 200; ++i) subject += "user" + std::to_string(i) + "@Example.com, ";
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  for (size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        Result<std::vector<Regex::Match>> matches = regex.FindAll(subject);
        counts[t] += matches.ok() ? matches.value().size() : 0;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t count : counts) EXPECT_EQ(count, 20u * 200u);
}

}  // namespace
}  // namespace stepwise::jsonata::regex
