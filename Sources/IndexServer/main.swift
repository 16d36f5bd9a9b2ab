print("contact-index")
