print("stratlint")
