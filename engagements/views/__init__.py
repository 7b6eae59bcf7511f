"""Server-rendered pages for engagements and the roster, one module per page family.
Every lookup goes through `visible_to(request.user)`, so an id outside the user's scope
answers 404; each POST validates its form and makes one service call."""
