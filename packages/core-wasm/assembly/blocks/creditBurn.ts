// creditBurn (burn-and-mint): USD demand buys credits by burning the token at a price.
// I_CREDIT_BURN [10, next, outBurned, outCredits, outUsd, usdPc, share, pricePc, creditPrice,
//   from, tokBurned, tokBurnFlow, credIssuer, credBurned, credMintFlow, credBurnFlow].
import { formulaValue } from '../formula';
import { sadd, sset, sv, w } from '../state';


/** Burns usd × share / price tokens (clipped to what `from` holds), mints the credits they buy and uses (burns) them. */
export function creditBurn(code: usize, pc: i32, state: usize): void {
  const usd = formulaValue(code, w(code, pc + 5), state) * sv(state, w(code, pc + 6));
  const price = formulaValue(code, w(code, pc + 7), state);
  const from = w(code, pc + 9);
  let tok = usd / price;
  const held = sv(state, from);
  if (tok > held) tok = held > 0 ? held : 0;
  if (tok < 0) tok = 0;
  sadd(state, from, -tok);
  sadd(state, w(code, pc + 10), tok);
  sadd(state, w(code, pc + 11), tok);
  const settled = tok * price;
  const credits = settled / sv(state, w(code, pc + 8));
  sadd(state, w(code, pc + 12), -credits);
  sadd(state, w(code, pc + 14), credits);
  sadd(state, w(code, pc + 13), credits);
  sadd(state, w(code, pc + 15), credits);
  sset(state, w(code, pc + 2), tok);
  sset(state, w(code, pc + 3), credits);
  sset(state, w(code, pc + 4), settled);
}
