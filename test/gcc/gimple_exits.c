// Each defer becomes a GIMPLE try/finally whose try body is the rest of the
// defer's block and whose finally is the deferred statement (SPEC 6), and
// every way out of the block leaves through that try: fall-off, return
// (value computed inside the try, before the finally), break, continue,
// goto out, backward goto, and a braced case block of a switch.
// RUN: %gcc-plugin-cc -c %s -o /dev/null -fdump-tree-gimple=- | %FileCheck %s

void use(int);

// CHECK-LABEL: void fall_off ()
// CHECK:       use (0);
// CHECK-NEXT:  try
// CHECK-NEXT:    {
// CHECK-NEXT:      use (2);
// CHECK-NEXT:    }
// CHECK-NEXT:  finally
// CHECK-NEXT:    {
// CHECK-NEXT:      use (1);
// CHECK-NEXT:    }
void fall_off(void)
{
    use(0);
    _Defer use(1);
    use(2);
}

// CHECK-LABEL: int ret (int x)
// CHECK:       try
// CHECK-NEXT:    {
// CHECK-NEXT:      [[R:D\.[0-9]+]] = x + 1;
// CHECK-NEXT:      return [[R]];
// CHECK-NEXT:    }
// CHECK-NEXT:  finally
// CHECK-NEXT:    {
// CHECK-NEXT:      use (1);
// CHECK-NEXT:    }
int ret(int x)
{
    _Defer use(1);
    return x + 1;
}

// The loop body is the defer's block: break and continue leave the try, the
// finally runs once per iteration.
// CHECK-LABEL: void loop (int n)
// CHECK:       [[BODY:<D\.[0-9]+>]]:
// CHECK:       try
// CHECK-NEXT:    {
// CHECK-NEXT:      if (i == 3) goto [[B:<D\.[0-9]+>]]; else goto
// CHECK-NEXT:      [[B]]:
// CHECK-NEXT:      goto [[BREAK:<D\.[0-9]+>]];
// CHECK:           if (i == 4) goto [[C:<D\.[0-9]+>]]; else goto
// CHECK-NEXT:      [[C]]:
// CHECK:           goto [[CONT:<D\.[0-9]+>]];
// CHECK:           use (100);
// CHECK-NEXT:    }
// CHECK-NEXT:  finally
// CHECK-NEXT:    {
// CHECK-NEXT:      use (i);
// CHECK-NEXT:    }
// CHECK:       [[CONT]]:
// CHECK-NEXT:  i = i + 1;
// CHECK:       [[BREAK]]:
void loop(int n)
{
    for (int i = 0; i < n; i++) {
        _Defer use(i);
        if (i == 3) break;
        if (i == 4) continue;
        use(100);
    }
}

// A backward goto to before the defer and a goto out of the block both
// leave the try; the labels are outside it.
// CHECK-LABEL: void gotos (int n)
// CHECK:       again:
// CHECK:       try
// CHECK-NEXT:    {
// CHECK:           goto again;
// CHECK:           goto out;
// CHECK:           use (2);
// CHECK-NEXT:    }
// CHECK-NEXT:  finally
// CHECK-NEXT:    {
// CHECK-NEXT:      use (1);
// CHECK-NEXT:    }
// CHECK:       out:
// CHECK-NEXT:  use (3);
void gotos(int n)
{
again:
    {
        _Defer use(1);
        if (n-- > 0) goto again;
        if (n < -5) goto out;
        use(2);
    }
out:
    use(3);
}

// A defer in a braced case block ends with that block: case 2 is outside
// the try (no fall-through into it with the finally pending).
// CHECK-LABEL: void sw (int x)
// CHECK:       switch (x) <default: {{<D\.[0-9]+>}}, case 1: [[C1:<D\.[0-9]+>]], case 2: [[C2:<D\.[0-9]+>]]>
// CHECK-NEXT:  [[C1]]:
// CHECK:       try
// CHECK-NEXT:    {
// CHECK-NEXT:      use (2);
// CHECK-NEXT:      goto [[END:<D\.[0-9]+>]];
// CHECK-NEXT:    }
// CHECK-NEXT:  finally
// CHECK-NEXT:    {
// CHECK-NEXT:      use (1);
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK-NEXT:  [[C2]]:
// CHECK-NEXT:  use (3);
// CHECK-NEXT:  [[END]]:
void sw(int x)
{
    switch (x) {
    case 1: {
        _Defer use(1);
        use(2);
        break;
    }
    case 2:
        use(3);
    }
}

// Two defers nest: the later one's try/finally is inside the earlier one's
// try body, so the later runs first (LIFO).  A braceless defer (the body of
// an if) and the last statement of a block get no try: they run in place.
// CHECK-LABEL: void nest (int c)
// CHECK:       try
// CHECK-NEXT:    {
// CHECK-NEXT:      try
// CHECK-NEXT:        {
// CHECK:               if (c != 0) goto [[T:<D\.[0-9]+>]]; else goto
// CHECK-NEXT:          [[T]]:
// CHECK:               use (3);
// CHECK:               use (4);
// CHECK-NEXT:          {
// CHECK-NEXT:            typedef {{.*}};
// CHECK-EMPTY:
// CHECK-NEXT:            use (5);
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// CHECK-NEXT:      finally
// CHECK-NEXT:        {
// CHECK-NEXT:          use (2);
// CHECK-NEXT:        }
// CHECK-NEXT:    }
// CHECK-NEXT:  finally
// CHECK-NEXT:    {
// CHECK-NEXT:      use (1);
// CHECK-NEXT:    }
// CHECK-NOT:   try
void nest(int c)
{
    _Defer use(1);
    _Defer use(2);
    if (c)
        _Defer use(3);
    use(4);
    {
        _Defer use(5);
    }
}
