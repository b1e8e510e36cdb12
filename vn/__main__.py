from vn.cli import main

raise SystemExit(main())
