#include "asl/resource.h"

#include <gtest/gtest.h>

namespace stepwise::asl {
namespace {

TEST(ResourceTest, AcceptsArns) {
  for (const char* arn : {"arn:aws:lambda:us-east-1:123456789012:function:HelloWorld",
                          "arn:aws:lambda:us-east-1:123456789012:function:Hello:$LATEST",
                          "arn:aws:lambda:us-east-1:123456789012:function:Hello:prod-1",
                          "arn:aws:states:::lambda:invoke",
                          "arn:aws:states:::sns:publish.waitForTaskToken",
                          "arn:aws:states:us-east-1:123456789012:activity:approve",
                          "arn:aws-us-gov:swf:us-east-1:123456789012:task:X"}) {
    EXPECT_EQ(CheckResourceArn(arn), std::nullopt) << arn;
  }
}

TEST(ResourceTest, RejectsWhatIsNotAnArn) {
  EXPECT_TRUE(CheckResourceArn("${lambdaArn}"));  // a CloudFormation substitution, not an ARN
  EXPECT_TRUE(CheckResourceArn("lambda:invoke"));
  EXPECT_TRUE(CheckResourceArn("arn:aws:states"));
  EXPECT_TRUE(CheckResourceArn("arn:aws:states:::"));
}

TEST(ResourceTest, ChecksLambdaNamesAndQualifiers) {
  EXPECT_TRUE(CheckResourceArn("arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:"));
  EXPECT_TRUE(CheckResourceArn("arn:aws:lambda:region-1:1234567890:function:NAME:$*#$7485"));
  EXPECT_TRUE(CheckResourceArn("arn:aws:lambda:region-1:1234567890:layer:NAME"));
}

}  // namespace
}  // namespace stepwise::asl
