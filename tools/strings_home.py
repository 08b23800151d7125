# UI strings of the frontline workspace (issue 11): key -> (en, ru, az).
S = {
}
