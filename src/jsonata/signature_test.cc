#include "jsonata/signature.h"

#include "gtest/gtest.h"

namespace stepwise::jsonata {
namespace {

Signature Parsed(std::string_view text) {
  ParseError error;
  Result<Signature> signature = ParseSignature(text, 0, &error);
  EXPECT_TRUE(signature.ok()) << text << ": " << error.message;
  return signature.ok() ? signature.release_value() : Signature();
}

TEST(SignatureTest, SimpleTypesAcceptMissing) {
  Signature signature = Parsed("<sn:b>");
  EXPECT_EQ(signature.definition, "<sn:b>");
  ASSERT_EQ(signature.params.size(), 2u);
  EXPECT_EQ(signature.params[0].type, "s");
  EXPECT_EQ(signature.params[0].accepts, "sm");
  EXPECT_EQ(signature.params[1].accepts, "nm");
}

TEST(SignatureTest, CompositeTypes) {
  Signature signature = Parsed("<afjx>");
  ASSERT_EQ(signature.params.size(), 4u);
  EXPECT_EQ(signature.params[0].accepts, "asnblfom");
  EXPECT_EQ(signature.params[1].accepts, "f");
  EXPECT_EQ(signature.params[2].accepts, "asnblom");
  EXPECT_EQ(signature.params[3].accepts, "asnblfom");
}

TEST(SignatureTest, ModifiersApplyToThePreviousParameter) {
  Signature signature = Parsed("<n-s?a+>");
  ASSERT_EQ(signature.params.size(), 3u);
  EXPECT_TRUE(signature.params[0].use_context);
  EXPECT_EQ(signature.params[0].context_accepts, "nm");
  EXPECT_EQ(signature.params[0].quantifier, "?");
  EXPECT_EQ(signature.params[1].quantifier, "?");
  EXPECT_FALSE(signature.params[1].use_context);
  EXPECT_EQ(signature.params[2].quantifier, "+");
}

TEST(SignatureTest, ChoiceGroups) {
  Signature signature = Parsed("<(ns)>");
  ASSERT_EQ(signature.params.size(), 1u);
  EXPECT_EQ(signature.params[0].type, "(ns)");
  EXPECT_EQ(signature.params[0].accepts, "nsm");
}

TEST(SignatureTest, TypeParametersOnArraysAndFunctions) {
  Signature signature = Parsed("<a<n>f<n:n>>");
  ASSERT_EQ(signature.params.size(), 2u);
  EXPECT_EQ(signature.params[0].subtype, "n");
  EXPECT_EQ(signature.params[1].subtype, "n:n");
}

TEST(SignatureTest, ReturnTypeIsIgnored) {
  Signature signature = Parsed("<s:a<s>>");
  ASSERT_EQ(signature.params.size(), 1u);
  EXPECT_EQ(signature.params[0].subtype, "");
}

TEST(SignatureTest, TypeParameterOnAScalarIsS0401) {
  ParseError error;
  Result<Signature> signature = ParseSignature("<n<n>>", 10, &error);
  ASSERT_FALSE(signature.ok());
  EXPECT_EQ(error.code, "S0401");
  EXPECT_EQ(error.position, 12u);
  EXPECT_EQ(error.value, "\"n\"");
  EXPECT_EQ(signature.error().name(), "S0401");
}

TEST(SignatureTest, TypeParameterBeforeAnyTypeIsS0401WithoutValue) {
  ParseError error;
  ASSERT_FALSE(ParseSignature("<<n>>", 0, &error).ok());
  EXPECT_EQ(error.code, "S0401");
  EXPECT_FALSE(error.value.has_value());
}

TEST(SignatureTest, ParameterizedChoiceIsS0402) {
  ParseError error;
  ASSERT_FALSE(ParseSignature("<(sa<n>)>", 8, &error).ok());
  EXPECT_EQ(error.code, "S0402");
  EXPECT_EQ(error.position, 9u);
  EXPECT_EQ(error.message, "Choice groups containing parameterized types are not supported");
}

}  // namespace
}  // namespace stepwise::jsonata
