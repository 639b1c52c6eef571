#pragma once

namespace stepwise::jsonata::format {

// The reference's $round(value, precision): round half to even at `precision` decimal places
// (negative precision rounds to tens, hundreds, ...). The decimal point is shifted on the shortest
// decimal text of the number, not by multiplying, so that 2.675 rounds as the text "2.675" reads
// (to 2.68) rather than as its binary value. Never returns -0. A non-finite value gives NaN when
// precision is not 0 (the reference shifts the text "Infinity").
//
// $formatNumber and $formatBase round with it; the evaluator's $round can too.
double RoundHalfEven(double value, int precision);

}  // namespace stepwise::jsonata::format
