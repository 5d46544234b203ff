"""The Excel add-in (issue 6): ribbon definition (:mod:`.controls`) and the .xlam build (:mod:`.build`)."""
